import { Flex, Input, Tag } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { COMMON_PHRASES } from './format.ts';

export interface OpinionBoxProps {
  value: string;
  onChange: (v: string) => void;
}

/** 审查意见 with the common phrases (常用语) one click away. */
export function OpinionBox({ value, onChange }: OpinionBoxProps) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={6}>
      <Input.TextArea
        aria-label={t('office.action.opinion')}
        placeholder={t('office.action.opinionPlaceholder')}
        value={value}
        maxLength={2000}
        autoSize={{ minRows: 3, maxRows: 8 }}
        onChange={(e) => onChange(e.target.value)}
      />
      <Flex gap={4} wrap>
        {COMMON_PHRASES.map((p) => (
          <Tag key={p} style={{ cursor: 'pointer', whiteSpace: 'normal' }} onClick={() => onChange(value ? `${value}${p}` : p)}>
            {p}
          </Tag>
        ))}
      </Flex>
    </Flex>
  );
}
