import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';
import type { Queryable } from '../db/index.ts';
import { AppError, defineErrors } from '../errors.ts';

export const FileErrors = defineErrors({
  FILE_TOO_LARGE: { status: 413, zh: '文件超过大小限制', en: 'The file is larger than allowed' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, zh: '不允许上传此类型的文件', en: 'This type of file is not allowed' },
  FILE_EMPTY: { status: 400, zh: '文件为空', en: 'The file is empty' },
  FILE_NOT_FOUND: { status: 404, zh: '文件不存在', en: 'No such file' },
  FILE_MISSING: { status: 400, zh: '请求中没有文件', en: 'The request carries no file' },
});

/** Types accepted by content (magic bytes), with the extension we store them under. */
const BINARY_TYPES = new Map<string, string>([
  ['application/pdf', 'pdf'],
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
  ['image/tiff', 'tif'],
  ['image/webp', 'webp'],
  ['application/zip', 'zip'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/x-sqlite3', 'gpkg'],
  ['application/x-cfb', 'doc'],
]);

const SNIFF_BYTES = 4100;

/**
 * Decides a file's type from its first bytes only; the client's name and Content-Type are never
 * trusted. Text without NUL bytes (UTF-8 or GB18030: boundary txt, GeoJSON, DXF, CSV) is text/plain.
 */
export async function sniffType(head: Buffer): Promise<{ mime: string; ext: string } | null> {
  const ft = await fileTypeFromBuffer(head);
  if (ft) {
    const ext = BINARY_TYPES.get(ft.mime);
    return ext ? { mime: ft.mime, ext } : null;
  }
  // An Esri shapefile (.shp/.shx) starts with the big-endian file code 9994.
  if (head.length >= 100 && head.readUInt32BE(0) === 9994) return { mime: 'application/x-esri-shape', ext: 'shp' };
  if (head.length > 0 && !head.includes(0)) return { mime: 'text/plain', ext: 'txt' };
  return null;
}

export interface StoredFile {
  id: string;
  sha256: string;
  size: number;
  mime: string;
  ext: string;
  originalName: string;
  createdAt: Date;
}

/** Keeps a client file name as harmless metadata: no control characters, no path, bounded length. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'file' : cleaned;
}

/**
 * Content-addressed file store: bytes at <root>/<sha[0..2]>/<sha[2..4]>/<sha>, written through a
 * temporary file while the SHA-256 is computed, so a file is stored once however often it is
 * uploaded, and a path from outside never reaches the filesystem.
 */
export class FileStore {
  constructor(
    readonly root: string,
    private readonly maxBytes: number,
  ) {
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /**
   * Streams an upload to the store. Throws FILE_TOO_LARGE past the limit (the stream is drained
   * and the temporary file removed), FILE_TYPE_NOT_ALLOWED when the content is not an accepted type.
   * The database row is written with q, so it commits with the caller's transaction.
   */
  async put(q: Queryable, input: Readable, meta: { originalName?: string; regionCode: string; userId: string | null; isTruncated?: () => boolean }): Promise<StoredFile> {
    const tmp = path.join(this.root, 'tmp', crypto.randomUUID());
    const hash = crypto.createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const max = this.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > max) return cb(new AppError(FileErrors.FILE_TOO_LARGE, { maxBytes: max }));
        if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(input, meter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
      if (meta.isTruncated?.()) throw new AppError(FileErrors.FILE_TOO_LARGE, { maxBytes: max });
      if (size === 0) throw new AppError(FileErrors.FILE_EMPTY);
      const type = await sniffType(head);
      if (!type) throw new AppError(FileErrors.FILE_TYPE_NOT_ALLOWED);
      const sha256 = hash.digest('hex');
      const dest = this.pathOf(sha256);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      if (fs.existsSync(dest)) fs.rmSync(tmp);
      else fs.renameSync(tmp, dest);
      const r = await q.query<{ id: string; created_at: Date }>(
        `INSERT INTO files (region_code, sha256, size, mime, ext, original_name, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at`,
        [meta.regionCode, sha256, size, type.mime, type.ext, cleanFileName(meta.originalName), meta.userId],
      );
      return { id: r.rows[0]!.id, sha256, size, mime: type.mime, ext: type.ext, originalName: cleanFileName(meta.originalName), createdAt: r.rows[0]!.created_at };
    } catch (err) {
      input.resume(); // drain what the client still sends so the reply can go out
      fs.rmSync(tmp, { force: true });
      throw err;
    }
  }

  async get(q: Queryable, id: string, regionCode: string): Promise<StoredFile & { path: string }> {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError(FileErrors.FILE_NOT_FOUND);
    const r = await q.query<{ id: string; sha256: string; size: number; mime: string; ext: string; original_name: string; created_at: Date }>(
      'SELECT id, sha256, size, mime, ext, original_name, created_at FROM files WHERE id = $1 AND region_code = $2',
      [id, regionCode],
    );
    const f = r.rows[0];
    if (!f) throw new AppError(FileErrors.FILE_NOT_FOUND);
    return { id: f.id, sha256: f.sha256, size: f.size, mime: f.mime, ext: f.ext, originalName: f.original_name, createdAt: f.created_at, path: this.pathOf(f.sha256) };
  }
}
