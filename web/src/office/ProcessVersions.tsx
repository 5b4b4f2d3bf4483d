import { List, Tag, Typography } from 'antd';
import { useApi } from '../api/useApi.ts';
import { useI18n } from '../i18n/LangContext.ts';
import type { ProcessDefinition } from './types.ts';

export interface ProcessVersionsProps {
  code: string;
  selected: number | undefined;
  onSelect: (v: number) => void;
  generation: number;
}

/** Every version of an item's process definition, newest first; one is drawn. */
export function ProcessVersions({ code, selected, onSelect, generation }: ProcessVersionsProps) {
  const { t, time } = useI18n();
  const { data, loading } = useApi<{ versions: ProcessDefinition[] }>(`/api/service-items/${encodeURIComponent(code)}/process/versions`, { g: generation });
  const versions = data?.versions ?? [];
  return (
    <List
      size="small"
      loading={loading}
      dataSource={versions}
      renderItem={(d, i) => (
        <List.Item
          data-testid={`process-version-${d.version}`}
          style={{ cursor: 'pointer', background: (selected ?? versions[0]?.version) === d.version ? '#e6f4ff' : undefined }}
          onClick={() => onSelect(d.version)}
        >
          <div>
            <Typography.Text strong>{t('office.process.version', { v: d.version })}</Typography.Text> {i === 0 && <Tag color="green">{t('office.process.current')}</Tag>}
            <div>
              <Typography.Text type="secondary">
                {d.name} · {d.reason ?? ''} · {time(d.createdAt)}
              </Typography.Text>
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}
