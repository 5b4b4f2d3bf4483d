import iconv from 'iconv-lite';
import type { FieldDef, FieldType } from '../formats/types.ts';

/** A dBase III field as written: the .dbf name (≤ 10 ASCII chars), type, width and decimals. */
export interface DbfField {
  /** The layer's property name the values come from. */
  source: string;
  name: string;
  type: 'C' | 'N' | 'D' | 'L';
  length: number;
  decimals: number;
  kind: FieldType;
}

const MAX_CHAR = 254;
// LDID 0x4D: code page 936 (GBK), for readers that ignore the .cpg.
const LDID_GBK = 0x4d;

/** Bytes of a string in GBK (what a C field's width counts), not characters. */
export function gbkLength(s: string): number {
  return /^[\x00-\x7f]*$/.test(s) ? s.length : iconv.encode(s, 'gbk').length;
}

/** GBK bytes of a string cut to at most `max` bytes without splitting a character. */
export function gbkBytes(s: string, max: number): Buffer {
  const all = iconv.encode(s, 'gbk');
  if (all.length <= max) return all;
  let n = 0;
  let cut = '';
  for (const ch of s) {
    const b = gbkLength(ch);
    if (n + b > max) break;
    n += b;
    cut += ch;
  }
  return iconv.encode(cut, 'gbk');
}

/**
 * Field names a .dbf accepts: ASCII letters, digits and _, at most 10 characters, starting with a
 * letter, unique regardless of case (`ZLDWMC_LONG` and `ZLDWMC_LONGER` → `ZLDWMC_LON`, `ZLDWMC_L_1`).
 * Names with no ASCII letters at all (地类名称) become FIELD<n>.
 */
export function dbfFieldNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((original, i) => {
    let base = original.replace(/[^A-Za-z0-9_]/g, '');
    if (!/^[A-Za-z]/.test(base)) base = base ? `F${base}` : `FIELD${i + 1}`;
    base = base.slice(0, 10);
    let name = base;
    for (let k = 1; used.has(name.toUpperCase()); k++) name = `${base.slice(0, 10 - String(k).length - 1)}_${k}`;
    used.add(name.toUpperCase());
    return name;
  });
}

/** Measures the data to size the fields: C widths in GBK bytes, integer widths in digits. */
export class DbfPlanner {
  private readonly widths: number[];
  constructor(private readonly fields: FieldDef[]) {
    this.widths = fields.map((f) => (f.type === 'integer' ? 10 : 1));
  }

  observe(props: Record<string, unknown>): void {
    this.fields.forEach((f, i) => {
      const v = props[f.name];
      if (v === null || v === undefined) return;
      if (f.type === 'string') this.widths[i] = Math.max(this.widths[i]!, Math.min(MAX_CHAR, gbkLength(String(v))));
      else if (f.type === 'integer' && Number.isFinite(Number(v))) this.widths[i] = Math.max(this.widths[i]!, Math.min(19, Number(v).toFixed(0).length));
    });
  }

  plan(): DbfField[] {
    const names = dbfFieldNames(this.fields.map((f) => f.name));
    return this.fields.map((f, i) => {
      const base = { source: f.name, name: names[i]!, kind: f.type };
      switch (f.type) {
        case 'integer': return { ...base, type: 'N', length: this.widths[i]!, decimals: 0 };
        case 'number': return { ...base, type: 'N', length: 19, decimals: 11 };
        case 'date': return { ...base, type: 'D', length: 8, decimals: 0 };
        case 'boolean': return { ...base, type: 'L', length: 1, decimals: 0 };
        default: return { ...base, type: 'C', length: this.widths[i]!, decimals: 0 };
      }
    });
  }
}

export function dbfRecordLength(fields: DbfField[]): number {
  return 1 + fields.reduce((n, f) => n + f.length, 0);
}

export function dbfHeaderLength(fields: DbfField[]): number {
  return 32 + 32 * fields.length + 1;
}

/** Bytes of a .dbf with `count` records (header, records, end-of-file marker). */
export function dbfSize(fields: DbfField[], count: number): number {
  return dbfHeaderLength(fields) + count * dbfRecordLength(fields) + 1;
}

/** The .dbf header (dBase III, no memo) with the field descriptors and the terminator. */
export function dbfHeader(fields: DbfField[], count: number, date: Date): Buffer {
  const b = Buffer.alloc(dbfHeaderLength(fields));
  b[0] = 0x03;
  b[1] = date.getFullYear() - 1900;
  b[2] = date.getMonth() + 1;
  b[3] = date.getDate();
  b.writeUInt32LE(count, 4);
  b.writeUInt16LE(dbfHeaderLength(fields), 8);
  b.writeUInt16LE(dbfRecordLength(fields), 10);
  b[29] = LDID_GBK;
  fields.forEach((f, i) => {
    const off = 32 + 32 * i;
    b.write(f.name, off, 10, 'latin1');
    b.write(f.type, off + 11, 1, 'latin1');
    b[off + 16] = f.length;
    b[off + 17] = f.decimals;
  });
  b[b.length - 1] = 0x0d;
  return b;
}

/** A number in at most `length` characters: fewer decimals first, exponent notation last. */
export function fitNumber(v: number, length: number, decimals: number): string | null {
  if (!Number.isFinite(v)) return null;
  for (let d = decimals; d >= 0; d--) {
    const s = v.toFixed(d);
    if (s.length <= length && !s.includes('e')) return s;
  }
  for (let d = Math.max(0, length - 7); d >= 0; d--) {
    const s = v.toExponential(d);
    if (s.length <= length) return s;
  }
  return null;
}

function dateValue(v: unknown): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(v instanceof Date ? v.toISOString() : String(v));
  return m ? `${m[1]}${m[2]}${m[3]}` : null;
}

/** One record: the deletion flag, then each field padded to its width (values encoded GBK). */
export function dbfRecord(fields: DbfField[], props: Record<string, unknown>): Buffer {
  const b = Buffer.alloc(dbfRecordLength(fields), 0x20);
  let off = 1;
  for (const f of fields) {
    const v = props[f.source];
    if (v !== null && v !== undefined) {
      if (f.type === 'C') gbkBytes(String(v), f.length).copy(b, off);
      else {
        let s: string | null = null;
        if (f.type === 'N') s = fitNumber(Number(v), f.length, f.decimals);
        else if (f.type === 'D') s = dateValue(v);
        else if (f.type === 'L') s = v === true || v === 'true' || v === 'T' ? 'T' : v === false || v === 'false' || v === 'F' ? 'F' : '?';
        // Numbers are right-aligned, as dBase writes them.
        if (s !== null) b.write(f.type === 'N' ? s.padStart(f.length) : s, off, f.length, 'latin1');
      }
    }
    off += f.length;
  }
  return b;
}
