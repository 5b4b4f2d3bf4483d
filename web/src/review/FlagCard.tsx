import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/LangContext.ts';
import { FlagAcknowledge } from './FlagAcknowledge.tsx';
import { ReportDiffView } from './ReportDiffView.tsx';
import type { ReviewFlag } from './types.ts';
import type { CaseFlags } from './useCaseFlags.ts';

/** One case's re-review flags: when, which report replaced which, what changed, and the acknowledgement. */
export function FlagCard({ entry, onAcknowledged }: { entry: CaseFlags; onAcknowledged: (flag: ReviewFlag) => void }) {
  const { t, time } = useI18n();
  const c = entry.case;
  return (
    <Card
      size="small"
      data-testid={`flag-case-${c.caseNo}`}
      title={
        <Flex gap={8} wrap align="center">
          <Link to={`/office/cases/${c.id}`}>{c.caseNo}</Link>
          <Typography.Text type="secondary">{c.itemCode}</Typography.Text>
          {c.projectName && <Typography.Text>{c.projectName}</Typography.Text>}
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        {entry.flags.map((f) => (
          <div key={f.id} data-testid={`flag-${f.id}`}>
            <Flex gap={12} wrap align="center" style={{ marginBottom: 8 }}>
              <Typography.Text>{t('review.flags.at')}：{time(f.createdAt)}</Typography.Text>
              <Link to={`/review/${f.reportId}`}>{t('review.flags.report')}{f.summary.reportNo ? ` ${f.summary.reportNo}` : ''}</Link>
              <Link to={`/review/${f.previousReportId}`}>{t('review.flags.previousReport')}</Link>
              {f.acknowledgedAt && <Tag>{t('review.flags.acknowledged')}</Tag>}
            </Flex>
            <ReportDiffView diff={f.summary} />
            <div style={{ marginTop: 8 }}>
              <FlagAcknowledge flag={f} onDone={onAcknowledged} />
            </div>
          </div>
        ))}
      </Flex>
    </Card>
  );
}
