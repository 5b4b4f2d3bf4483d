import { Button, Card, Col, InputNumber, Row, Select } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/LangContext.ts';
import { TextPairInput } from './TextPairInput.tsx';
import { VERDICTS, type Threshold, type Verdict } from './types.ts';

export interface ThresholdEditorProps {
  threshold: Threshold;
  onChange: (t: Threshold) => void;
  onRemove: () => void;
  /** Field ids in the page, for tests and labels. */
  testId: string;
}

/** One threshold: the value crossed, the verdict it gives and the wording (message and advice, zh and en). */
export function ThresholdEditor({ threshold, onChange, onRemove, testId }: ThresholdEditorProps) {
  const { t } = useI18n();
  return (
    <Card size="small" style={{ background: '#fafafa' }} data-testid={testId}>
      <Row gutter={[8, 8]} align="bottom">
        <Col xs={12} md={6}>
          <label style={{ fontSize: 12, color: '#595959' }}>{t('review.rule.value')}</label>
          <InputNumber
            aria-label={t('review.rule.value')}
            min={0}
            value={threshold.value}
            onChange={(v) => onChange({ ...threshold, value: typeof v === 'number' ? v : 0 })}
            style={{ width: '100%' }}
            data-testid={`${testId}-value`}
          />
        </Col>
        <Col xs={12} md={8}>
          <label style={{ fontSize: 12, color: '#595959' }}>{t('review.rule.verdict')}</label>
          <Select<Verdict>
            aria-label={t('review.rule.verdict')}
            value={threshold.verdict}
            onChange={(v) => onChange({ ...threshold, verdict: v })}
            options={VERDICTS.map((v) => ({ value: v, label: t(`review.verdict.${v}`) }))}
            style={{ width: '100%' }}
          />
        </Col>
        <Col xs={24} md={10} style={{ textAlign: 'right' }}>
          <Button danger icon={<DeleteOutlined />} onClick={onRemove}>{t('review.rule.remove')}</Button>
        </Col>
      </Row>
      <div style={{ marginTop: 8 }}>
        <TextPairInput value={threshold.message} onChange={(m) => onChange({ ...threshold, message: m ?? { zh: '', en: '' } })} labels={[t('review.rule.messageZh'), t('review.rule.messageEn')]} rows={2} />
      </div>
      <div style={{ marginTop: 8 }}>
        <TextPairInput value={threshold.advice} onChange={(a) => onChange({ ...threshold, advice: a })} labels={[t('review.rule.adviceZh'), t('review.rule.adviceEn')]} rows={2} optional />
      </div>
    </Card>
  );
}
