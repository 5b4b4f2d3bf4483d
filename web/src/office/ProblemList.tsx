import { Typography } from 'antd';
import { ApiError } from '../api/client.ts';

/** The server's list of problems (e.g. every reason a process definition is invalid), when it sent one. */
export function ProblemList({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || !error.problem) return null;
  const raw = (error.problem as { problems?: unknown }).problems;
  const list = Array.isArray(raw) ? raw.map((p) => (typeof p === 'string' ? p : typeof p === 'object' && p ? Object.values(p).join(': ') : String(p))) : error.problem.detail ? [error.problem.detail] : [];
  if (list.length === 0) return null;
  return (
    <ul style={{ margin: '8px 0', paddingInlineStart: 20 }} data-testid="problem-list">
      {list.map((p, i) => (
        <li key={i}>
          <Typography.Text type="danger">{p}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}
