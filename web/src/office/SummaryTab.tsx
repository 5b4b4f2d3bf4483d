import { Descriptions, Flex } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import type { CaseDetail, FormField } from './types.ts';

function valueText(f: FormField | undefined, v: unknown, lang: 'zh' | 'en'): string {
  if (v === null || v === undefined) return '';
  const opt = f?.options?.find((o) => o.value === v);
  if (opt) return lang === 'en' ? opt.labelEn : opt.label;
  return `${String(v)}${f?.unit ? ` ${f.unit}` : ''}`;
}

/** 概要: applicant and project data. */
export function SummaryTab({ c, fields }: { c: CaseDetail; fields: FormField[] }) {
  const { t, lang } = useI18n();
  const a = c.applicant;
  const keys = [...fields.map((f) => f.key), ...Object.keys(c.project).filter((k) => !fields.some((f) => f.key === k))];
  return (
    <Flex vertical gap={16}>
      <Descriptions
        title={t('office.register.applicant')}
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: t('office.applicant.name'), children: a.name },
          { key: 'type', label: t('office.applicant.type'), children: a.type === 'person' ? t('office.applicant.person') : t('office.applicant.organisation') },
          { key: 'id', label: t('office.applicant.idNumber'), children: a.idNumber },
          { key: 'phone', label: t('office.applicant.phone'), children: a.phone },
          { key: 'contact', label: t('office.applicant.contactName'), children: a.contactName ?? '' },
          { key: 'address', label: t('office.applicant.address'), children: a.address ?? '' },
          { key: 'channel', label: t('office.register.channel'), children: c.channel === 'online' ? t('office.channel.online') : t('office.channel.window') },
        ]}
      />
      <Descriptions
        title={t('office.register.project')}
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={keys
          .filter((k) => c.project[k] !== undefined)
          .map((k) => {
            const f = fields.find((x) => x.key === k);
            return { key: k, label: f ? (lang === 'en' ? f.labelEn : f.label) : k, children: valueText(f, c.project[k], lang) };
          })}
      />
    </Flex>
  );
}
