import { DatePicker, Form, Input, InputNumber, Select, type FormInstance } from 'antd';
import type { FormRule as Rule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/LangContext.ts';
import { useLocalName } from '../bits.tsx';
import { fieldProblem, type FieldProblem } from '../formRules.ts';
import type { FormField } from '../types.ts';

/** The message of one field problem, naming the field. */
export function useProblemText() {
  const { t } = useI18n();
  const name = useLocalName();
  return (f: FormField, p: FieldProblem): string => {
    const label = name(f.label, f.labelEn);
    switch (p.kind) {
      case 'required':
        return t('hall.form.required', { label });
      case 'number':
        return t('hall.form.number', { label });
      case 'range':
        return p.min !== undefined && p.max !== undefined
          ? t('hall.form.between', { label, min: p.min, max: p.max })
          : p.min !== undefined
            ? t('hall.form.atLeast', { label, min: p.min })
            : t('hall.form.atMost', { label, max: p.max ?? '' });
      case 'option':
        return t('hall.form.option', { label });
      case 'date':
        return t('hall.form.date', { label });
      case 'length':
        return t('hall.form.length', { label, max: p.max });
    }
  };
}

export interface ProjectStepProps {
  form: FormInstance<Record<string, unknown>>;
  fields: FormField[];
  onChange: () => void;
}

/** 填写信息: the item's form, generated from its formSchema with the server's rules. */
export function ProjectStep({ form, fields, onChange }: ProjectStepProps) {
  const name = useLocalName();
  const problemText = useProblemText();
  return (
    <Form form={form} layout="vertical" onValuesChange={onChange} style={{ maxWidth: 720 }}>
      {fields.map((f) => {
        const label = name(f.label, f.labelEn);
        const rules: Rule[] = [
          {
            required: f.required,
            validator: async (_, value: unknown) => {
              const p = fieldProblem(f, value);
              if (p) throw new Error(problemText(f, p));
            },
          },
        ];
        const common = { name: f.key, label: f.unit ? `${label}（${f.unit}）` : label, rules, key: f.key };
        switch (f.type) {
          case 'textarea':
            return (
              <Form.Item {...common}>
                <Input.TextArea rows={3} maxLength={f.maxLength ?? 2000} showCount />
              </Form.Item>
            );
          case 'number':
            return (
              <Form.Item {...common}>
                <InputNumber style={{ width: '100%', maxWidth: 320 }} min={f.min} max={f.max} />
              </Form.Item>
            );
          case 'select':
            return (
              <Form.Item {...common}>
                <Select allowClear options={(f.options ?? []).map((o) => ({ value: o.value, label: name(o.label, o.labelEn) }))} style={{ maxWidth: 320 }} />
              </Form.Item>
            );
          case 'date':
            return (
              <Form.Item
                {...common}
                getValueProps={(v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : undefined })}
                normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
              >
                <DatePicker style={{ maxWidth: 320 }} />
              </Form.Item>
            );
          default:
            return (
              <Form.Item {...common}>
                <Input maxLength={f.maxLength ?? 2000} />
              </Form.Item>
            );
        }
      })}
    </Form>
  );
}
