import { fail, FormatErrors as E } from './errors.ts';

/**
 * An incremental byte scanner for a GeoJSON FeatureCollection: yields the bytes of each element of
 * the root "features" array one at a time, and the raw bytes of small root members (crs, name,
 * type). It tracks strings and nesting depth only, so a 300 MB file never sits in memory whole.
 * Works on bytes: every structural character is ASCII, and UTF-8 multi-byte sequences never
 * contain ASCII bytes.
 */
export type ScanEvent = { kind: 'member'; key: string; raw: string } | { kind: 'feature'; raw: Buffer };

const QUOTE = 0x22, BACKSLASH = 0x5c, COLON = 0x3a, COMMA = 0x2c;
const LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d;
const WANTED_MEMBERS = new Set(['type', 'crs', 'name']);
const MAX_MEMBER_BYTES = 1 << 20;
const MAX_FEATURE_BYTES = 256 << 20;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export class FeatureCollectionScanner {
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Root member handling. */
  private expectKey = true;
  private keyBytes: number[] | null = null;
  private key = '';
  private inFeatures = false;
  private sawFeatures = false;
  /** Byte capture (feature or wanted member) across chunks. */
  private parts: Buffer[] = [];
  private captureStart = -1;
  private captureSize = 0;
  private capturing: 'feature' | 'member' | null = null;
  private offset = 0;
  private started = false;
  private done = false;
  private featureIndex = 0;

  /** Feeds a chunk; returns the events it completed. */
  push(chunk: Buffer): ScanEvent[] {
    const events: ScanEvent[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyBytes) {
            this.key = Buffer.from(this.keyBytes).toString('utf8');
            this.keyBytes = null;
          }
        } else if (this.keyBytes) this.keyBytes.push(c);
        continue;
      }
      if (this.done) {
        if (!isSpace(c)) this.invalid(`unexpected content after the root object at byte ${this.offset + i}`);
        continue;
      }
      if (!this.started) {
        // A UTF-8 BOM (EF BB BF) and whitespace may precede the root object.
        if (isSpace(c) || c === 0xef || c === 0xbb || c === 0xbf) continue;
        if (c !== LBRACE) this.invalid(`the file does not start with a JSON object (byte ${this.offset + i}: "${String.fromCharCode(c)}")`);
        this.started = true;
        this.depth = 1;
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && this.expectKey) this.keyBytes = [];
        continue;
      }
      if (this.depth === 1) {
        if (c === COLON && this.expectKey) {
          this.expectKey = false;
          if (this.key === 'features') {
            this.sawFeatures = true;
          } else if (WANTED_MEMBERS.has(this.key)) {
            this.startCapture('member', chunk, i + 1);
          }
          continue;
        }
        if (c === COMMA || c === RBRACE) {
          if (this.capturing === 'member') events.push({ kind: 'member', key: this.key, raw: this.endCapture(chunk, i).toString('utf8').trim() });
          this.expectKey = true;
          this.key = '';
          if (c === RBRACE) {
            this.depth = 0;
            this.done = true;
          }
          continue;
        }
        if (c === LBRACKET && this.key === 'features' && !this.expectKey) {
          this.depth = 2;
          this.inFeatures = true;
          continue;
        }
      }
      if (this.inFeatures && this.depth === 2) {
        if (c === LBRACE) {
          this.depth = 3;
          this.startCapture('feature', chunk, i);
          continue;
        }
        if (c === RBRACKET) {
          this.depth = 1;
          this.inFeatures = false;
          continue;
        }
        if (c === COMMA || isSpace(c)) continue;
        this.invalid(`features[${this.featureIndex}] (feature ${this.featureIndex + 1}) is not an object`);
      }
      if (c === LBRACE || c === LBRACKET) this.depth++;
      else if (c === RBRACE || c === RBRACKET) {
        this.depth--;
        if (this.inFeatures && this.depth === 2) {
          this.featureIndex++;
          events.push({ kind: 'feature', raw: this.endCapture(chunk, i + 1) });
        }
      }
    }
    if (this.capturing) {
      this.parts.push(chunk.subarray(this.captureStart));
      this.captureSize += chunk.length - this.captureStart;
      this.captureStart = 0;
      const max = this.capturing === 'feature' ? MAX_FEATURE_BYTES : MAX_MEMBER_BYTES;
      if (this.captureSize > max) this.invalid(this.capturing === 'feature' ? `feature ${this.featureIndex + 1} is larger than ${max} bytes` : `the "${this.key}" member is larger than ${max} bytes`);
    }
    this.offset += chunk.length;
    return events;
  }

  /** Call at the end of input; throws when the document is incomplete or is not a FeatureCollection. */
  end(): void {
    if (!this.started) this.invalid('the file is empty');
    if (!this.done) this.invalid(`the JSON ends early (inside ${this.inFeatures ? `feature ${this.featureIndex + 1}` : 'the root object'})`);
    if (!this.sawFeatures) this.invalid('the root object has no "features" array (not a FeatureCollection)');
  }

  private startCapture(kind: 'feature' | 'member', chunk: Buffer, at: number) {
    this.capturing = kind;
    this.parts = [];
    this.captureSize = 0;
    this.captureStart = at;
    void chunk;
  }

  private endCapture(chunk: Buffer, endExclusive: number): Buffer {
    this.parts.push(chunk.subarray(this.captureStart, endExclusive));
    const out = this.parts.length === 1 ? Buffer.from(this.parts[0]!) : Buffer.concat(this.parts);
    this.parts = [];
    this.capturing = null;
    this.captureStart = -1;
    return out;
  }

  private invalid(detail: string): never {
    fail(E.IMPORT_GEOJSON_INVALID, detail, { feature: this.featureIndex + 1 });
  }
}
