import { Checkbox, Flex, Input } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import type { ItemMaterial, SupplementItem } from './types.ts';

export interface SupplementItemsProps {
  materials: ItemMaterial[];
  value: Record<string, string | undefined>;
  onChange: (v: Record<string, string | undefined>) => void;
}

/** 补正: tick the missing or wrong materials and give a reason for each (一次性告知). */
export function SupplementItems({ materials, value, onChange }: SupplementItemsProps) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={8}>
      {materials.map((m) => {
        const picked = value[m.code] !== undefined;
        return (
          <Flex key={m.code} vertical gap={4}>
            <Checkbox checked={picked} onChange={(e) => onChange({ ...value, [m.code]: e.target.checked ? t('office.supplement.defaultProblem') : undefined })}>
              {m.name}
            </Checkbox>
            {picked && (
              <Input
                aria-label={t('office.supplement.problemFor', { name: m.name })}
                value={value[m.code]}
                maxLength={500}
                onChange={(e) => onChange({ ...value, [m.code]: e.target.value })}
              />
            )}
          </Flex>
        );
      })}
    </Flex>
  );
}

/** The picked materials as the `items` of a request_supplement action. */
export function supplementItems(materials: ItemMaterial[], value: Record<string, string | undefined>): SupplementItem[] {
  return materials.filter((m) => value[m.code] !== undefined).map((m) => ({ materialCode: m.code, name: m.name, problem: value[m.code] || '-' }));
}
