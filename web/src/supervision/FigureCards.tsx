import { Button, Card, Col, Row, Statistic } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import type { DictKey } from '../i18n/translate.ts';
import type { Group, Metric } from './types.ts';

interface CardSpec {
  key: keyof Group;
  title: DictKey;
  metric: Metric;
  suffix?: DictKey;
  precision?: number;
}

/** The eight figures and the case list each one drills down to. */
export const CARDS: CardSpec[] = [
  { key: 'onTimeRate', title: 'supervision.card.onTimeRate', metric: 'onTime', suffix: 'supervision.unit.percent', precision: 1 },
  { key: 'averageWorkingDays', title: 'supervision.card.averageWorkingDays', metric: 'all', suffix: 'supervision.unit.days', precision: 1 },
  { key: 'overdue', title: 'supervision.card.overdue', metric: 'overdue', suffix: 'supervision.unit.cases' },
  { key: 'warning', title: 'supervision.card.warning', metric: 'warning', suffix: 'supervision.unit.cases' },
  { key: 'earlyRate', title: 'supervision.card.earlyRate', metric: 'early', suffix: 'supervision.unit.percent', precision: 1 },
  { key: 'instantShare', title: 'supervision.card.instantShare', metric: 'instant', suffix: 'supervision.unit.percent', precision: 1 },
  { key: 'fullyOnlineShare', title: 'supervision.card.fullyOnlineShare', metric: 'fullyOnline', suffix: 'supervision.unit.percent', precision: 1 },
  { key: 'averageVisits', title: 'supervision.card.averageVisits', metric: 'all', suffix: 'supervision.unit.visits', precision: 2 },
];

export interface FigureCardsProps {
  totals: Group | null;
  onDrill: (metric: Metric, title: string) => void;
}

/** The figure cards of the period; "—" where a rate has no decided case yet. */
export function FigureCards({ totals, onDrill }: FigureCardsProps) {
  const { t } = useI18n();
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} sm={12} lg={6}>
        <Card size="small" data-testid="figure-cases">
          <Statistic title={t('supervision.card.cases')} value={totals?.cases ?? 0} suffix={t('supervision.unit.cases')} />
          <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => onDrill('all', t('supervision.card.cases'))}>{t('supervision.drill')}</Button>
        </Card>
      </Col>
      {CARDS.map((c) => {
        const v = totals ? (totals[c.key] as number | null) : null;
        return (
          <Col xs={12} sm={12} lg={6} key={c.key}>
            <Card size="small" data-testid={`figure-${c.key}`}>
              <Statistic title={t(c.title)} value={v === null ? '—' : v} precision={v === null ? undefined : c.precision} suffix={v === null || !c.suffix ? undefined : t(c.suffix)} />
              <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => onDrill(c.metric, t(c.title))}>{t('supervision.drill')}</Button>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
