import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requireUser } from '../../core/auth/plugin.ts';
import { AppError, CoreErrors } from '../../core/errors.ts';
import { DocumentErrors as E } from './errors.ts';
import { bureauName } from './bureau.ts';
import { DocumentPermissions } from './policies.ts';
import { CertificateNo, IssueBody, PublicCertificateSchema, PublicKeysSchema, RevokeBody, SampleFile, VerificationSchema } from './schemas.ts';
import { SM2_USER_ID, type Actor, type CertificateService } from './service.ts';
import type { NoticeKind } from './templates/notices.ts';
import { renderSample, sampleBase } from './templates/samples.ts';

/** Certificates are a few hundred KB; anything far larger is not one. */
const MAX_VERIFY_PDF_BYTES = 10 * 1024 * 1024;

function actorOf(request: FastifyRequest): Actor {
  const p = request.principal!;
  return { userId: p.userId, username: p.username, regionCode: p.regionCode, ip: request.rctx.ip, userAgent: request.rctx.userAgent, requestId: request.id };
}

const pdfHeaders = (filename: string) => ({
  'content-type': 'application/pdf',
  // RFC 6266 / 5987: an ASCII fallback and the UTF-8 name.
  'content-disposition': `inline; filename="${filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
});

/**
 * /api/certificates: public reading and verification of certificates (what the paper
 * certificate shows anyway — planning permits are published by law — with personal ID numbers
 * masked), the signing public keys, and staff issuing and revoking (case:certify).
 */
export function certificateRoutes(certs: CertificateService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/certificates/public-key', {
      schema: {
        tags: ['documents'],
        summary: 'SM2 public keys that certificates of a region (default this server’s) are signed with, active first (public)',
        security: [],
        querystring: Type.Object({ region: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })) }, { additionalProperties: false }),
        response: { 200: PublicKeysSchema },
      },
    }, async (request) => ({
      algorithm: 'SM2' as const,
      curve: 'sm2p256v1' as const,
      hash: 'SM3' as const,
      userId: SM2_USER_ID,
      signedData: 'canonical JSON of the certificate content (keys sorted, no whitespace); GET /api/certificates/{number} shows the fields',
      keys: await certs.publicKeys(request.query.region ?? app.ctx.config.regionCode),
    }));

    app.post('/certificates/signing-keys/rotate', {
      schema: {
        tags: ['documents'],
        summary: 'Replace this region’s SM2 signing key; the old key is retired and still verifies what it signed (security administrator, audited)',
        response: { 200: Type.Object({ keyId: Type.String(), retiredKeyId: Type.Union([Type.String(), Type.Null()]) }) },
      },
      preHandler: requireUser({ permission: DocumentPermissions.rotateKey }),
    }, async (request) => {
      request.audited = true;
      return certs.rotateSigningKey(actorOf(request));
    });

    app.post('/certificates', {
      schema: { tags: ['documents'], summary: 'Issue an electronic certificate (numbered, SM2-signed, audited)', body: IssueBody, response: { 201: PublicCertificateSchema } },
      preHandler: requireUser({ permission: DocumentPermissions.issue }),
    }, async (request, reply) => {
      request.audited = true;
      const b = request.body;
      const cert = await certs.issue({ ...b, details: b.details ?? [] }, actorOf(request));
      return reply.code(201).header('location', `/api/certificates/${cert.certificateNo}`).send(cert);
    });

    app.get('/certificates/:ref', {
      schema: {
        tags: ['documents'],
        summary: 'A certificate as the public sees it (JSON), or its PDF when the number ends in .pdf (public)',
        description: 'Public on purpose: the holder and anyone they show it to can read and download what the certificate itself shows; personal ID numbers are masked.',
        security: [],
        params: Type.Object({ ref: Type.String({ pattern: '^[0-9]{10}[A-Z]{2,8}[0-9]{5}(\\.pdf)?$', maxLength: 44 }) }),
        response: { 200: Type.Union([PublicCertificateSchema, Type.Any({ description: 'application/pdf' })]) },
      },
    }, async (request, reply) => {
      const { ref } = request.params;
      if (ref.endsWith('.pdf')) {
        const number = ref.slice(0, -4);
        const bytes = await certs.renderPdf(number);
        return reply.headers(pdfHeaders(`${number}.pdf`)).send(bytes);
      }
      return certs.get(ref);
    });

    app.get('/certificates/:number/verify', {
      schema: {
        tags: ['documents'],
        summary: 'Verify a certificate: valid, revoked, or tampered (content, signature or status record altered) (public)',
        security: [],
        params: Type.Object({ number: CertificateNo }),
        response: { 200: VerificationSchema },
      },
    }, async (request) => certs.verify(request.params.number));

    app.post('/certificates/verify', {
      schema: {
        tags: ['documents'],
        summary: 'Verify an uploaded certificate PDF (multipart field "file", at most 10 MB) by the number and signature it carries (public)',
        security: [],
        consumes: ['multipart/form-data'],
        response: { 200: VerificationSchema },
      },
    }, async (request) => {
      const part = await request.file({ limits: { fileSize: MAX_VERIFY_PDF_BYTES, files: 1 } });
      if (!part) throw new AppError(E.CERTIFICATE_FILE_MISSING);
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new AppError(CoreErrors.PAYLOAD_TOO_LARGE);
      const result = await certs.verifyPdf(bytes);
      request.auditInfo = { action: 'certificate.verify_file', objectType: 'certificate', objectId: result.certificate.certificateNo, detail: { status: result.status } };
      return result;
    });

    app.post('/certificates/:number/revoke', {
      schema: {
        tags: ['documents'],
        summary: 'Revoke a certificate with a reason (audited)',
        params: Type.Object({ number: CertificateNo }),
        body: RevokeBody,
        response: { 200: VerificationSchema },
      },
      preHandler: requireUser({ permission: DocumentPermissions.revoke }),
    }, async (request) => {
      request.audited = true;
      return certs.revoke(request.params.number, request.body.reason, actorOf(request));
    });
  };
}

/** /api/documents: previews of each notice template with sample data, for staff. */
export function documentRoutes(): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/documents/samples/:file', {
      schema: {
        tags: ['documents'],
        summary: 'A notice template rendered with sample data (acceptance, rejection, supplement, approval, denial)',
        params: Type.Object({ file: SampleFile }),
      },
      preHandler: requireUser({ permission: DocumentPermissions.preview }),
    }, async (request, reply) => {
      const kind = request.params.file.replace(/\.pdf$/, '') as NoticeKind;
      const region = request.principal!.regionCode;
      const bytes = await renderSample(kind, sampleBase(bureauName(region), app.ctx.config.publicBaseUrl, region));
      return reply.headers(pdfHeaders(`sample-${kind}.pdf`)).send(bytes);
    });
  };
}
