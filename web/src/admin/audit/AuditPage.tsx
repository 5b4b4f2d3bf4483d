import { useState } from 'react';
import { Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { AuditEntry, AuditPage as AuditPageData } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { AuditFilters, type AuditFilterValues } from './AuditFilters.tsx';
import { AuditVerifyButton, AuditVerifyOutcome, useAuditVerify } from './AuditVerify.tsx';

const PAGE_SIZE = 50;
const GOOD = new Set(['success', 'ok', 'allowed']);

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined || detail === '') return '';
  return typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2);
}

/** /audit: GET /api/audit (paged, filtered) and the hash-chain check. */
export function AuditPage() {
  const { t, time } = useI18n();
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<AuditFilterValues>({ username: '', action: '' });
  const audit = useApi<AuditPageData>('/api/audit', { page, pageSize: PAGE_SIZE, ...filters });
  const verify = useAuditVerify();

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), key: 'at', render: (_, e) => time(e.at), width: 180 },
    { title: t('audit.username'), dataIndex: 'username', key: 'username' },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip' },
    { title: t('audit.action'), dataIndex: 'action', key: 'action' },
    {
      title: t('audit.object'),
      key: 'object',
      render: (_, e) => [e.objectType, e.objectId].filter(Boolean).join(' #'),
    },
    {
      title: t('audit.result'),
      key: 'result',
      render: (_, e) => <Tag color={GOOD.has(e.result) ? 'green' : 'red'}>{e.result}</Tag>,
    },
  ];

  return (
    <>
      <PageHeading
        title={t('face.audit')}
        description={t('audit.desc')}
        extra={<AuditVerifyButton pending={verify.pending} onClick={() => void verify.run(undefined)} />}
      />
      <Flex vertical gap={16}>
        <AuditVerifyOutcome result={verify.result} error={verify.error} />
        <AuditFilters
          onSearch={(values) => {
            setFilters(values);
            setPage(1);
          }}
        />
        {audit.error && <ProblemAlert error={audit.error} onRetry={audit.reload} />}
        <Table<AuditEntry>
          rowKey={(e) => String(e.id)}
          size="small"
          columns={columns}
          dataSource={audit.data?.items ?? []}
          loading={audit.loading}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: (e) => detailText(e.detail) !== '',
            expandedRowRender: (e) => (
              <Typography.Paragraph style={{ margin: 0 }}>
                <Typography.Text type="secondary">{t('audit.detail')}：</Typography.Text>
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{detailText(e.detail)}</pre>
              </Typography.Paragraph>
            ),
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: audit.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('audit.total', { n: total }),
            onChange: setPage,
          }}
        />
      </Flex>
    </>
  );
}
