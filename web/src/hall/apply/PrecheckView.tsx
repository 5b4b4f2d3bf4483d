import { Descriptions, List, Tag, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/LangContext.ts';
import type { Verdict } from '../../review/types.ts';
import { useLocalName } from '../bits.tsx';
import { TONE, VERDICT_TONE } from '../tone.ts';
import type { Precheck } from '../types.ts';

/** The instant 预审 of a boundary: verdict, area, one line per rule, and the PDF report. */
export function PrecheckView({ precheck: p, pdfUrl }: { precheck: Precheck; pdfUrl: string }) {
  const { t, time } = useI18n();
  const name = useLocalName();
  return (
    <section aria-label={t('hall.precheck.title')} data-testid="precheck">
      <Descriptions column={1} size="small" style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('hall.precheck.verdict')}>
          <Tag variant="solid" color={VERDICT_TONE[p.verdict] ?? TONE.grey} data-verdict={p.verdict} style={{ fontSize: '1em', padding: '2px 10px' }}>
            {name(p.verdictName, p.verdictNameEn)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('hall.precheck.area')}>
          {t('hall.precheck.areaValue', { m2: p.areaM2.toLocaleString('zh-CN', { maximumFractionDigits: 2 }), ha: p.areaHa.toFixed(4), mu: p.areaMu.toFixed(2) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('hall.precheck.reportNo')}>
          {p.reportNo} · {time(p.createdAt)}
        </Descriptions.Item>
      </Descriptions>
      <List
        size="small"
        bordered
        dataSource={p.rules}
        renderItem={(r) => (
          <List.Item>
            <div>
              <Tag variant="solid" color={VERDICT_TONE[r.verdict] ?? TONE.grey} style={{ marginInlineEnd: 8 }}>{t(`review.verdict.${r.verdict as Verdict}`)}</Tag>
              <Typography.Text strong>{name(r.name, r.nameEn)}</Typography.Text>
              <div>{name(r.message, r.messageEn)}</div>
            </div>
          </List.Item>
        )}
      />
      <Typography.Paragraph style={{ marginTop: 8 }}>
        <a href={pdfUrl} target="_blank" rel="noopener">
          <FilePdfOutlined /> {t('hall.precheck.pdf')}
        </a>
      </Typography.Paragraph>
    </section>
  );
}
