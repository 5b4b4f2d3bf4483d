import { Alert, Button, Flex, Segmented, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { areaText, lengthText } from './formatArea.ts';
import type { MeasureMode, Measurement } from './useDrawMeasure.ts';

export interface MeasurePanelProps {
  mode: MeasureMode;
  onMode: (mode: MeasureMode) => void;
  result: Measurement | null;
  onClear: () => void;
}

/** Tool choice (off / distance / area) and the last measurement in m, m², 公顷 and 亩. */
export function MeasurePanel({ mode, onMode, result, onClear }: MeasurePanelProps) {
  const { t, lang } = useI18n();
  const units = { m2: t('map.unit.m2'), ha: t('map.unit.ha'), mu: t('map.unit.mu') };
  return (
    <Flex vertical gap={8}>
      <Segmented<MeasureMode>
        block
        value={mode}
        onChange={onMode}
        options={[
          { value: 'none', label: t('map.measure.off') },
          { value: 'length', label: t('map.measure.length') },
          { value: 'area', label: t('map.measure.area') },
        ]}
        aria-label={t('map.measure')}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {mode === 'none' ? t('map.measure.hintOff') : t('map.measure.hint')}
      </Typography.Text>
      {result && (
        <Alert
          type="success"
          data-testid="measure-result"
          title={result.kind === 'length' ? t('map.measure.lengthResult', { v: lengthText(result.value, lang) }) : t('map.measure.areaResult', { v: areaText(result.value, lang, units) })}
          description={result.perimeter !== undefined ? t('map.measure.perimeter', { v: lengthText(result.perimeter, lang) }) : undefined}
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('map.measure.method')}</Typography.Text>
      {result && (
        <Button size="small" onClick={onClear}>
          {t('map.measure.clear')}
        </Button>
      )}
    </Flex>
  );
}
