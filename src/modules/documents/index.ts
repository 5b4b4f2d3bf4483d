import type { FastifyInstance } from 'fastify';
import { certificateRoutes, documentRoutes } from './routes.ts';
import { CertificateService } from './service.ts';

/**
 * Official documents and electronic certificates: /api/certificates (public verification, staff
 * issue/revoke) and /api/documents (template previews). Other modules render notices with the
 * functions in ./templates/notices.ts and build their own PDFs with ./pdf/index.ts; the case
 * engine issues certificates through the returned service.
 */
export async function registerDocuments(app: FastifyInstance): Promise<CertificateService> {
  const certs = new CertificateService(app.ctx);
  await app.register(certificateRoutes(certs), { prefix: '/api' });
  await app.register(documentRoutes(), { prefix: '/api' });
  return certs;
}

export { CertificateService, verifyUrl, type IssueCertificateInput, type Verification, type PublicCertificate, type Actor } from './service.ts';
export * from './templates/notices.ts';
export { progressUrl, type NoticeBase } from './templates/common.ts';
