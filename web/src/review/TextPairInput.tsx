import { Col, Input, Row } from 'antd';
import type { Text } from './types.ts';

export interface TextPairInputProps {
  value: Text | undefined;
  onChange: (value: Text | undefined) => void;
  labels: [string, string];
  /** Multi-line fields for messages and advice. */
  rows?: number;
  /** An optional pair (advice) becomes undefined when both are emptied. */
  optional?: boolean;
  testId?: string;
}

/** A Chinese and an English text side by side (one column on phones). */
export function TextPairInput({ value, onChange, labels, rows = 1, optional = false, testId }: TextPairInputProps) {
  const set = (lang: 'zh' | 'en', text: string) => {
    const next = { zh: value?.zh ?? '', en: value?.en ?? '', [lang]: text };
    onChange(optional && !next.zh && !next.en ? undefined : next);
  };
  const field = (lang: 'zh' | 'en', label: string) =>
    rows > 1 ? (
      <Input.TextArea aria-label={label} placeholder={label} autoSize={{ minRows: rows, maxRows: 6 }} maxLength={500} value={value?.[lang] ?? ''} onChange={(e) => set(lang, e.target.value)} data-testid={testId ? `${testId}-${lang}` : undefined} />
    ) : (
      <Input aria-label={label} placeholder={label} maxLength={500} value={value?.[lang] ?? ''} onChange={(e) => set(lang, e.target.value)} data-testid={testId ? `${testId}-${lang}` : undefined} />
    );
  return (
    <Row gutter={[8, 8]}>
      <Col xs={24} md={12}>
        <label style={{ fontSize: 12, color: '#595959' }}>{labels[0]}</label>
        {field('zh', labels[0])}
      </Col>
      <Col xs={24} md={12}>
        <label style={{ fontSize: 12, color: '#595959' }}>{labels[1]}</label>
        {field('en', labels[1])}
      </Col>
    </Row>
  );
}
