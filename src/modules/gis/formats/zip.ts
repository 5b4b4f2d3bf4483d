import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { fail, FormatErrors as E } from './errors.ts';

/** Limits against zip bombs and archives with thousands of entries. */
export interface ZipLimits {
  /** Total bytes the extraction may write, declared and actual (default 2 GiB). */
  maxUncompressedBytes?: number;
  /** Entries in the central directory (default 1000). */
  maxEntries?: number;
  /** Highest compression ratio accepted for a large entry (default 100:1). */
  maxRatio?: number;
  /** Entries smaller than this are never refused for their ratio (default 1 MiB). */
  ratioMinBytes?: number;
}

export interface ZipEntryInfo {
  /** Decoded entry name as stored (only ever used to match extensions, never as a path). */
  name: string;
  entry: yauzl.Entry;
}

export interface SafeZip {
  entries: ZipEntryInfo[];
  /** Inflates one entry into `dest` (a path the caller chose), counting the bytes actually written. */
  extract(entry: ZipEntryInfo, dest: string): Promise<void>;
  close(): void;
}

function decodeName(raw: Buffer, utf8Flag: boolean): string {
  if (utf8Flag) return raw.toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    // Zips made on Chinese Windows store names in GBK without the UTF-8 flag.
    return new TextDecoder('gb18030').decode(raw);
  }
}

/** Why an entry name is unsafe to honour, or null. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').includes('..')) return 'climbs out of the archive with ".."';
  if (name.includes('\0')) return 'contains a NUL byte';
  return null;
}

/**
 * Opens a zip and vets its central directory: refuses unsafe entry names (IMPORT_ZIP_UNSAFE_PATH),
 * too many entries, a declared total above the limit or an entry with a suspicious compression ratio
 * (IMPORT_ZIP_BOMB). Extraction counts the inflated bytes again because declared sizes can lie.
 */
export async function openSafeZip(path: string, limits: ZipLimits = {}): Promise<SafeZip> {
  const maxBytes = limits.maxUncompressedBytes ?? 2 * 1024 ** 3;
  const maxEntries = limits.maxEntries ?? 1000;
  const maxRatio = limits.maxRatio ?? 100;
  const ratioMinBytes = limits.ratioMinBytes ?? 1024 * 1024;
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false }, (err, z) => {
      if (err) reject(new ZipCorrupt(err.message));
      else resolve(z);
    }),
  ).catch((e: unknown) => fail(E.IMPORT_ZIP_CORRUPT, `the zip cannot be opened: ${(e as Error).message}`));
  let closed = false;
  // yauzl's reader counts references; a second close() would throw.
  const closeOnce = () => {
    if (!closed) {
      closed = true;
      zip.close();
    }
  };
  try {
    if (zip.entryCount > maxEntries) fail(E.IMPORT_ZIP_BOMB, `the zip has ${zip.entryCount} entries; at most ${maxEntries} are accepted`, { entries: zip.entryCount });
    const entries = await readEntries(zip);
    let declared = 0;
    for (const { name, entry } of entries) {
      const why = unsafeEntryName(name);
      if (why) fail(E.IMPORT_ZIP_UNSAFE_PATH, `entry "${name}" ${why}`, { entry: name });
      declared += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize >= ratioMinBytes && ratio > maxRatio) {
        fail(E.IMPORT_ZIP_BOMB, `entry "${name}" inflates ${entry.compressedSize} bytes to ${entry.uncompressedSize} (${Math.round(ratio)}:1, more than ${maxRatio}:1)`, { entry: name });
      }
    }
    if (declared > maxBytes) fail(E.IMPORT_ZIP_BOMB, `the entries declare ${declared} bytes uncompressed; at most ${maxBytes} are accepted`, { declared });
    let written = 0;
    return {
      entries: entries.filter((e) => !e.name.endsWith('/')),
      async extract({ name, entry }, dest) {
        const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
          zip.openReadStream(entry, (err, s) => (err ? reject(new ZipCorrupt(err.message)) : resolve(s))),
        );
        let entryBytes = 0;
        const counter = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            entryBytes += chunk.length;
            written += chunk.length;
            if (entryBytes > entry.uncompressedSize) return cb(new ZipBomb(`entry "${name}" inflates beyond its declared ${entry.uncompressedSize} bytes`));
            if (written > maxBytes) return cb(new ZipBomb(`the extracted entries exceed ${maxBytes} bytes`));
            cb(null, chunk);
          },
        });
        try {
          await pipeline(stream, counter, fs.createWriteStream(dest, { flags: 'wx', mode: 0o600 }));
        } catch (e) {
          if (e instanceof ZipBomb) fail(E.IMPORT_ZIP_BOMB, e.message, { entry: name });
          fail(E.IMPORT_ZIP_CORRUPT, `entry "${name}" cannot be inflated: ${(e as Error).message}`, { entry: name });
        }
      },
      close: closeOnce,
    };
  } catch (e) {
    closeOnce();
    throw e;
  }
}

class ZipBomb extends Error {}
class ZipCorrupt extends Error {}

function readEntries(zip: yauzl.ZipFile): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    const out: ZipEntryInfo[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      const raw = entry.fileName as unknown as Buffer;
      out.push({ name: decodeName(raw, (entry.generalPurposeBitFlag & 0x800) !== 0), entry });
      zip.readEntry();
    });
    zip.on('end', () => resolve(out));
    zip.on('error', (err: Error) => reject(err));
    zip.readEntry();
  }).catch((e: unknown) => fail(E.IMPORT_ZIP_CORRUPT, `the zip directory cannot be read: ${(e as Error).message}`)) as Promise<ZipEntryInfo[]>;
}
