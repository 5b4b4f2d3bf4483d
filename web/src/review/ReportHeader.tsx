import type { ReactNode } from 'react';
import { Alert, Card, Descriptions, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/LangContext.ts';
import { AreaText } from './AreaText.tsx';
import { itemNameKey } from './itemName.ts';
import type { Report } from './types.ts';
import { VerdictTag } from './VerdictTag.tsx';

export interface ReportHeaderProps {
  report: Report;
  /** Buttons (PDF, re-run). */
  actions?: ReactNode;
}

/** Report number, item, time, area and the overall verdict as a big coloured tag. */
export function ReportHeader({ report, actions }: ReportHeaderProps) {
  const { t, time, lang } = useI18n();
  const key = itemNameKey(report.itemCode);
  const itemName = key ? t(key) : report.itemCode;
  return (
    <Card size="small" data-testid="report-header">
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0, marginBottom: 4 }}>{t('review.report.title')}</Typography.Title>
          <Typography.Text type="secondary">
            {t('review.report.no')}：<span data-testid="report-no">{report.reportNo}</span>
          </Typography.Text>
        </div>
        <Flex vertical align="flex-end" gap={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('review.report.overall')}</Typography.Text>
          <span data-testid="overall">
            <VerdictTag verdict={report.overall} large />
          </span>
          {report.overall !== report.overallComputed && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('review.report.overallComputed', { verdict: t(`review.verdict.${report.overallComputed}`) })}</Typography.Text>
          )}
        </Flex>
      </Flex>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginTop: 12 }}>
        <Descriptions.Item label={t('review.report.item')}>{report.itemCode} {itemName !== report.itemCode && itemName}</Descriptions.Item>
        <Descriptions.Item label={t('review.report.generatedAt')}>{time(report.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('review.report.by')}>{report.createdByName ?? (report.trigger === 'layer_update' ? t('review.rulesPage.system') : '')} · {t(`review.report.trigger.${report.trigger}`)}</Descriptions.Item>
        <Descriptions.Item label={t('review.report.area')}><AreaText area={report.boundary.area} /></Descriptions.Item>
        {report.caseId && <Descriptions.Item label={t('review.report.case')}><Link to={`/office/cases/${report.caseId}`}>{report.caseId.slice(0, 8)}</Link></Descriptions.Item>}
        {report.previousReportId && <Descriptions.Item label={t('review.report.previous')}><Link to={`/review/${report.previousReportId}`}>{t('review.action.open')}</Link></Descriptions.Item>}
      </Descriptions>
      {report.boundary.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('review.report.warnings')}
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{report.boundary.warnings.map((w, i) => <li key={i}>{lang === 'zh' ? w.zh : w.en}</li>)}</ul>}
          style={{ marginTop: 8 }}
        />
      )}
      {actions && <Flex gap={8} wrap style={{ marginTop: 12 }}>{actions}</Flex>}
    </Card>
  );
}

