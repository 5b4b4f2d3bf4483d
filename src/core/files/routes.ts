import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fs from 'node:fs';
import { requireUser } from '../auth/plugin.ts';
import { AppError } from '../errors.ts';
import { FileErrors } from './store.ts';

const FileView = Type.Object({ id: Type.String(), sha256: Type.String(), size: Type.Integer(), mime: Type.String(), originalName: Type.String(), createdAt: Type.String() });

/** RFC 6266/5987 Content-Disposition that carries a Chinese file name safely. */
function disposition(name: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Types the browser may show inline (a material viewed in the case page): PDF and raster images,
 * whose type was sniffed from the content at upload. Never HTML, SVG, text or office files —
 * those could run script or be misread, so they are always attachments.
 */
export const INLINE_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp']);

/**
 * The policy of an inline file response: it loads nothing itself and only pages of this origin
 * may frame it (the case page's viewer); every other response keeps frame-ancestors 'none'.
 */
const INLINE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";

/** Uploads (multipart, streamed) and downloads of stored files (/api/files). */
export const fileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { files, db } = app.ctx;

  app.post('/', {
    schema: { tags: ['files'], summary: 'Upload one file (multipart/form-data, field "file"); the type is read from the content', consumes: ['multipart/form-data'], response: { 201: FileView } },
    preHandler: requireUser({ permission: 'file:upload' }),
  }, async (request, reply) => {
    const part = await request.file();
    if (!part) throw new AppError(FileErrors.FILE_MISSING);
    const p = request.principal!;
    const stored = await files.put(db, part.file, { originalName: part.filename, regionCode: p.regionCode, userId: p.userId, isTruncated: () => part.file.truncated });
    request.auditInfo = { action: 'file.upload', objectType: 'file', objectId: stored.id, detail: { sha256: stored.sha256, size: stored.size, mime: stored.mime } };
    return reply.code(201).send({ ...stored, createdAt: stored.createdAt.toISOString() });
  });

  app.get('/:id', {
    schema: {
      tags: ['files'],
      summary: 'Download a stored file; ?disposition=inline shows a PDF or image in the page (same-origin frames only), other types stay attachments',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      querystring: Type.Object({ disposition: Type.Optional(Type.Union([Type.Literal('attachment'), Type.Literal('inline')])) }),
    },
    preHandler: requireUser(),
  }, async (request, reply) => {
    const f = await files.get(db, request.params.id, request.principal!.regionCode);
    const inline = request.query.disposition === 'inline' && INLINE_TYPES.has(f.mime);
    request.auditInfo = { action: 'file.download', objectType: 'file', objectId: f.id, ...(inline ? { detail: { disposition: 'inline' } } : {}) };
    if (inline) reply.header('content-security-policy', INLINE_CSP).header('x-frame-options', 'SAMEORIGIN');
    return reply
      .type(f.mime)
      .header('content-disposition', disposition(f.originalName, inline ? 'inline' : 'attachment'))
      .header('x-content-type-options', 'nosniff')
      .header('content-length', f.size)
      .send(fs.createReadStream(f.path));
  });
};
