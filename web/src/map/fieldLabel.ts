import type { DictKey, Vars } from '../i18n/translate.ts';

/** National field names (三调 / 国土调查数据库标准) with a translated label; others show as they are. */
export const KNOWN_FIELDS = ['DLMC', 'DLBM', 'BSM', 'TBBH', 'QSXZ', 'QSDWMC', 'ZLDWMC', 'XZQMC', 'XZQDM', 'TBMJ', 'KCDLBM', 'GDDB'] as const;
export type KnownField = (typeof KNOWN_FIELDS)[number];

function isKnown(name: string): name is KnownField {
  return (KNOWN_FIELDS as readonly string[]).includes(name);
}

/** The label of a field in the current language, e.g. DLMC → 地类名称. */
export function fieldLabel(name: string, t: (key: DictKey, vars?: Vars) => string): string {
  return isKnown(name) ? t(`map.field.${name}`) : name;
}

/** Property names in display order: known fields first (in their standard order), internals (`_…`) dropped. */
export function orderedFields(names: string[]): string[] {
  const visible = names.filter((n) => !n.startsWith('_'));
  const known = KNOWN_FIELDS.filter((k) => visible.includes(k));
  return [...known, ...visible.filter((n) => !isKnown(n))];
}
