import { Flex, Table, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { areaText, VERDICT_COLOR } from './format.ts';
import type { ReviewReport, Verdict } from './types.ts';

export function VerdictTag({ verdict }: { verdict: Verdict }) {
  const { t } = useI18n();
  return <Tag color={VERDICT_COLOR[verdict]}>{t(`office.verdict.${verdict}`)}</Tag>;
}

/** A spatial review report: overall verdict, boundary area and the per-rule table, with a link to the PDF. */
export function ReviewSummary({ report }: { report: ReviewReport }) {
  const { t, lang, time } = useI18n();
  return (
    <Flex vertical gap={8} data-testid="review-report">
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>{t('office.review.overall')}</Typography.Text>
        <VerdictTag verdict={report.overall} />
        <Typography.Text>{t('office.review.reportNo', { no: report.reportNo })}</Typography.Text>
        <Typography.Text type="secondary">{time(report.createdAt)}</Typography.Text>
        <a href={`/api/reviews/${report.id}.pdf`} target="_blank" rel="noreferrer">
          {t('office.review.pdf')}
        </a>
      </Flex>
      <Typography.Text>{t('office.review.area', { area: areaText(report.boundary.area) })}</Typography.Text>
      <Table
        size="small"
        rowKey="ruleId"
        pagination={false}
        scroll={{ x: 820 }}
        dataSource={report.results}
        columns={[
          { title: t('office.review.rule'), width: 150, render: (_, r) => (lang === 'en' ? r.title.en : r.title.zh) },
          { title: t('office.review.layer'), width: 120, render: (_, r) => `${r.layer.name ?? r.layer.code}${r.layer.version ? ` v${r.layer.version}` : ''}` },
          { title: t('office.review.overlap'), width: 200, render: (_, r) => areaText(r.area) },
          { title: t('office.review.verdict'), width: 110, render: (_, r) => <VerdictTag verdict={r.verdict} /> },
          { title: t('office.review.message'), render: (_, r) => (lang === 'en' ? r.message.en : r.message.zh) },
        ]}
      />
    </Flex>
  );
}
