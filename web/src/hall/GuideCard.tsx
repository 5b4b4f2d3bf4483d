import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/LangContext.ts';
import { DepthTag, useLocalName } from './bits.tsx';
import { TONE } from './tone.ts';
import type { GuideItem } from './types.ts';

/** One service item of the catalogue: name, online depth, visits, time limits. */
export function GuideCard({ item }: { item: GuideItem }) {
  const { t } = useI18n();
  const name = useLocalName();
  return (
    <Card
      size="small"
      className="hall-card-link"
      style={{ height: '100%' }}
      title={
        <Link to={`/guides/${encodeURIComponent(item.code)}`} data-testid={`guide-link-${item.code}`}>
          {name(item.name, item.nameEn)}
        </Link>
      }
    >
      <Space size={[4, 6]} wrap style={{ marginBottom: 8 }}>
        <DepthTag depth={item.onlineDepth} />
        <Tag>{t('hall.guide.visits', { n: item.maxVisits })}</Tag>
        {item.spatialReview && <Tag variant="solid" color={TONE.purple}>{t('hall.guide.spatialReview')}</Tag>}
        {item.audiences.map((a) => (
          <Tag key={a}>{t(`hall.audience.${a}`)}</Tag>
        ))}
      </Space>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {t('hall.guide.days', { legal: item.legalDays, promised: item.promisedDays })}
      </Typography.Paragraph>
      {item.summary && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} ellipsis={{ rows: 2 }}>
          {item.summary}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
