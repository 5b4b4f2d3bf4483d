import { AutoComplete, Button, Checkbox, Col, Divider, Flex, Input, InputNumber, Row, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/LangContext.ts';
import { blankThreshold, splitList } from './ruleDraft.ts';
import { TextPairInput } from './TextPairInput.tsx';
import { ThresholdEditor } from './ThresholdEditor.tsx';
import { MEASURES, VERDICTS, type Measure, type Rule, type Verdict } from './types.ts';

export interface RuleEditorProps {
  rule: Rule;
  onChange: (rule: Rule) => void;
  /** Layer codes offered (the catalogue). */
  layerCodes: string[];
  readOnly?: boolean;
  index: number;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <label style={{ fontSize: 12, color: '#595959', display: 'block' }}>{label}</label>
      {children}
    </div>
  );
}

/** The common fields of a rule in a form: layer, filter, measure, tolerance, thresholds → verdicts, wording and advice. */
export function RuleEditor({ rule, onChange, layerCodes, readOnly = false, index }: RuleEditorProps) {
  const { t } = useI18n();
  const set = (patch: Partial<Rule>) => onChange({ ...rule, ...patch });
  const tol = rule.tolerance ?? {};
  const setTol = (k: keyof NonNullable<Rule['tolerance']>, v: number | null) => set({ tolerance: { ...tol, [k]: typeof v === 'number' ? v : undefined } });
  const filter = rule.filter ?? { field: '' };
  const tid = `rule-${index}`;
  return (
    <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }} data-testid={tid}>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Field label={t('review.rule.id')}>
            <Input value={rule.id} maxLength={40} onChange={(e) => set({ id: e.target.value.toUpperCase() })} />
          </Field>
        </Col>
        <Col xs={12} md={8}>
          <Field label={t('review.rule.layer')}>
            <AutoComplete value={rule.layer} options={layerCodes.map((c) => ({ value: c }))} onChange={(v: string) => set({ layer: v })} style={{ width: '100%' }} disabled={readOnly} />
          </Field>
        </Col>
        <Col xs={12} md={8}>
          <Field label={t('review.rule.measure')}>
            <Select<Measure> value={rule.measure} onChange={(m) => set({ measure: m })} options={MEASURES.map((m) => ({ value: m, label: `${t(`review.measure.${m}`)}（${m}）` }))} style={{ width: '100%' }} disabled={readOnly} />
          </Field>
        </Col>
        <Col span={24}>
          <TextPairInput value={rule.title} onChange={(v) => set({ title: v ?? { zh: '', en: '' } })} labels={[t('review.rule.titleZh'), t('review.rule.titleEn')]} />
        </Col>
        {rule.measure === 'distance' && (
          <Col xs={12} md={8}>
            <Field label={t('review.rule.searchRadius')}>
              <InputNumber min={1} max={50000} value={rule.searchRadiusM} onChange={(v) => set({ searchRadiusM: typeof v === 'number' ? v : undefined })} style={{ width: '100%' }} />
            </Field>
          </Col>
        )}
      </Row>
      <Divider titlePlacement="start" plain style={{ margin: '12px 0 8px' }}>{t('review.rule.filter')}</Divider>
      <Row gutter={[12, 12]} align="bottom">
        <Col xs={12} md={6}>
          <Field label={t('review.rule.filterField')}>
            <Input value={filter.field} maxLength={40} onChange={(e) => set({ filter: { ...filter, field: e.target.value } })} />
          </Field>
        </Col>
        <Col xs={12} md={6}>
          <Field label={t('review.rule.filterIn')}>
            <Input value={filter.in?.join(',') ?? ''} onChange={(e) => set({ filter: { ...filter, in: splitList(e.target.value) } })} />
          </Field>
        </Col>
        <Col xs={12} md={6}>
          <Field label={t('review.rule.filterPrefix')}>
            <Input value={filter.prefix?.join(',') ?? ''} onChange={(e) => set({ filter: { ...filter, prefix: splitList(e.target.value) } })} />
          </Field>
        </Col>
        <Col xs={12} md={6}>
          <Checkbox checked={Boolean(filter.negate)} onChange={(e) => set({ filter: { ...filter, negate: e.target.checked } })}>{t('review.rule.filterNegate')}</Checkbox>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain style={{ margin: '12px 0 8px' }}>{t('review.rule.tolerance')}</Divider>
      <Row gutter={[12, 12]}>
        <Col xs={8}>
          <Field label={t('review.rule.minArea')}>
            <InputNumber min={0} max={100000} value={tol.minAreaM2} onChange={(v) => setTol('minAreaM2', v)} style={{ width: '100%' }} data-testid={`${tid}-minArea`} />
          </Field>
        </Col>
        <Col xs={8}>
          <Field label={t('review.rule.minWidth')}>
            <InputNumber min={0} max={100} value={tol.minWidthM} onChange={(v) => setTol('minWidthM', v)} style={{ width: '100%' }} />
          </Field>
        </Col>
        <Col xs={8}>
          <Field label={t('review.rule.manualBelow')}>
            <InputNumber min={0} max={100000} value={tol.manualBelowM2} onChange={(v) => setTol('manualBelowM2', v)} style={{ width: '100%' }} />
          </Field>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain style={{ margin: '12px 0 8px' }}>{t('review.rule.otherwise')}</Divider>
      <Flex vertical gap={8}>
        <Select<Verdict>
          aria-label={t('review.rule.verdict')}
          value={rule.otherwise.verdict}
          onChange={(v) => set({ otherwise: { ...rule.otherwise, verdict: v } })}
          options={VERDICTS.map((v) => ({ value: v, label: t(`review.verdict.${v}`) }))}
          style={{ maxWidth: 240 }}
          disabled={readOnly}
        />
        <TextPairInput value={rule.otherwise.message} onChange={(m) => set({ otherwise: { ...rule.otherwise, message: m ?? { zh: '', en: '' } } })} labels={[t('review.rule.messageZh'), t('review.rule.messageEn')]} rows={2} />
      </Flex>
      <Divider titlePlacement="start" plain style={{ margin: '12px 0 8px' }}>{t('review.rule.thresholds')}</Divider>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('review.rule.placeholders')}</Typography.Paragraph>
      <Flex vertical gap={8}>
        {rule.thresholds.map((th, i) => (
          <ThresholdEditor
            key={i}
            testId={`${tid}-threshold-${i}`}
            threshold={th}
            onChange={(next) => set({ thresholds: rule.thresholds.map((x, k) => (k === i ? next : x)) })}
            onRemove={() => set({ thresholds: rule.thresholds.filter((_, k) => k !== i) })}
          />
        ))}
        {!readOnly && (
          <Button icon={<PlusOutlined />} onClick={() => set({ thresholds: [...rule.thresholds, blankThreshold()] })} style={{ alignSelf: 'flex-start' }}>
            {t('review.rule.addThreshold')}
          </Button>
        )}
      </Flex>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} md={12}>
          <Field label={t('review.rule.legalBasis')}>
            <Input value={rule.legalBasis ?? ''} maxLength={500} onChange={(e) => set({ legalBasis: e.target.value })} />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field label={t('review.rule.keyFields')}>
            <Input value={rule.keyFields?.join(',') ?? ''} onChange={(e) => set({ keyFields: splitList(e.target.value) })} />
          </Field>
        </Col>
      </Row>
    </fieldset>
  );
}
