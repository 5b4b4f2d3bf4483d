import { DatePicker, Flex, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../i18n/LangContext.ts';
import type { ServiceItem } from './types.ts';

export interface TaskFilterValue {
  itemCode?: string;
  state?: string;
  from?: string;
  to?: string;
  q?: string;
}

export interface TaskFiltersProps {
  items: ServiceItem[];
  states: { value: string; label: string }[];
  value: TaskFilterValue;
  onChange: (v: TaskFilterValue) => void;
}

/** Filters of the task lists: item (server side), state, date range and text (in the page). */
export function TaskFilters({ items, states, value, onChange }: TaskFiltersProps) {
  const { t, lang } = useI18n();
  return (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      <Select
        allowClear
        aria-label={t('office.filter.item')}
        placeholder={t('office.filter.item')}
        style={{ minWidth: 220, maxWidth: '100%' }}
        value={value.itemCode}
        onChange={(itemCode?: string) => onChange({ ...value, itemCode })}
        options={items.map((i) => ({ value: i.code, label: `${i.code} ${lang === 'en' ? i.guide.nameEn : i.guide.name}` }))}
      />
      <Select
        allowClear
        aria-label={t('office.filter.state')}
        placeholder={t('office.filter.state')}
        style={{ minWidth: 160 }}
        value={value.state}
        onChange={(state?: string) => onChange({ ...value, state })}
        options={states}
      />
      <DatePicker.RangePicker
        aria-label={t('office.filter.date')}
        placeholder={[t('office.filter.from'), t('office.filter.to')]}
        onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
          onChange({ ...value, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
        }
        style={{ maxWidth: '100%' }}
      />
      <Input.Search
        allowClear
        aria-label={t('office.filter.text')}
        placeholder={t('office.filter.text')}
        style={{ width: 220, maxWidth: '100%' }}
        onSearch={(q) => onChange({ ...value, q: q || undefined })}
      />
    </Flex>
  );
}
