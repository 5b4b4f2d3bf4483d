import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fs from 'node:fs';
import { requireUser } from '../auth/plugin.ts';
import { AppError } from '../errors.ts';
import { FileErrors } from './store.ts';

const FileView = Type.Object({ id: Type.String(), sha256: Type.String(), size: Type.Integer(), mime: Type.String(), originalName: Type.String(), createdAt: Type.String() });

/** RFC 6266/5987 Content-Disposition that carries a Chinese file name safely. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

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
    schema: { tags: ['files'], summary: 'Download a stored file', params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    preHandler: requireUser(),
  }, async (request, reply) => {
    const f = await files.get(db, request.params.id, request.principal!.regionCode);
    request.auditInfo = { action: 'file.download', objectType: 'file', objectId: f.id };
    return reply
      .type(f.mime)
      .header('content-disposition', disposition(f.originalName))
      .header('x-content-type-options', 'nosniff')
      .header('content-length', f.size)
      .send(fs.createReadStream(f.path));
  });
};
