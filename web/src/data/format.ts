import type { Lang } from '../i18n/translate.ts';
import type { CrsInfo, DataLayer, DataVersion } from './types.ts';

/** m² as 公顷 with two decimals and grouping, e.g. "1,234.57". */
export function hectares(m2: number, lang: Lang): string {
  return (m2 / 10_000).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A count with grouping. */
export function count(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');
}

/** "EPSG:4526" and how it was found, e.g. "coordinate ranges: X 2966131 / Y 38370734 …". */
export function crsParts(crs: CrsInfo): { code: string; how: string } {
  const how = [crs.source, crs.evidence].filter(Boolean).join(': ');
  return { code: `EPSG:${crs.epsg}`, how };
}

/** The version the map shows, if any. */
export function currentVersionOf(layer: DataLayer): DataVersion | undefined {
  return layer.versions.find((v) => v.version === layer.currentVersion);
}

/** When the newest import (whatever its outcome) finished, or started if it has not finished. */
export function lastImportAt(layer: DataLayer): string | null {
  const newest = layer.versions.reduce<DataVersion | undefined>((a, v) => (!a || v.version > a.version ? v : a), undefined);
  return newest ? (newest.finishedAt ?? newest.createdAt) : null;
}

/** Splits "IMPORT_CRS_UNKNOWN: detail" into its code and detail; text without a code has none. */
export function splitErrorCode(text: string): { code: string | undefined; detail: string } {
  const m = /^([A-Z][A-Z0-9_]{2,}):\s*(.*)$/s.exec(text);
  return m ? { code: m[1], detail: m[2] ?? '' } : { code: undefined, detail: text };
}
