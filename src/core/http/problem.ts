import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SilentStatementFailure } from '../db/index.ts';
import { AppError, CoreErrors as C, specOf } from '../errors.ts';

/** An RFC 9457 problem document with the catalogue code and a bilingual message. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  message: { zh: string; en: string };
  instance: string;
  requestId: string;
  [extra: string]: unknown;
}

function problem(request: FastifyRequest, code: string, detail?: string, extra: Record<string, unknown> = {}): Problem {
  const spec = specOf(code);
  return {
    ...extra,
    type: `urn:landgov:problem:${code.toLowerCase()}`,
    title: spec.en,
    status: spec.status,
    code,
    ...(detail ? { detail } : {}),
    message: { zh: spec.zh, en: spec.en },
    instance: request.url.split('?')[0]!,
    requestId: request.id,
  };
}

// PostgreSQL SQLSTATEs that a client can cause and fix.
const SQLSTATE: Record<string, string> = {
  '23505': C.CONFLICT,
  '23503': C.REFERENCE_NOT_FOUND,
  '23514': C.INVALID_VALUE,
  '23502': C.INVALID_VALUE,
  '22P02': C.INVALID_VALUE,
  '22007': C.INVALID_VALUE,
  '22008': C.INVALID_VALUE,
  '22003': C.INVALID_VALUE,
  '22001': C.INVALID_VALUE,
  '40001': C.CONFLICT,
  '40P01': C.CONFLICT,
};

// Fastify and plugin error codes that are the client's doing.
const FASTIFY: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: C.PAYLOAD_TOO_LARGE,
  FST_REQ_FILE_TOO_LARGE: C.PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: C.UNSUPPORTED_MEDIA_TYPE,
  FST_INVALID_MULTIPART_CONTENT_TYPE: C.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_EMPTY_JSON_BODY: C.MALFORMED_JSON,
  FST_ERR_CTP_INVALID_JSON_BODY: C.MALFORMED_JSON,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: C.VALIDATION_FAILED,
  FST_FILES_LIMIT: C.VALIDATION_FAILED,
  FST_PARTS_LIMIT: C.VALIDATION_FAILED,
  FST_FIELDS_LIMIT: C.VALIDATION_FAILED,
  FST_PROTO_VIOLATION: C.MALFORMED_JSON,
};

/**
 * The one place errors become responses: domain errors, validation errors, body-parser errors
 * and PostgreSQL SQLSTATEs map to problem+json; anything else is a 500 that names only the
 * request id (the cause goes to the log).
 */
export function errorHandler(error: FastifyError & { sqlState?: string }, request: FastifyRequest, reply: FastifyReply) {
  let body: Problem;
  if (error instanceof AppError) {
    body = problem(request, error.code, error.detail, error.extra);
  } else if (error.validation) {
    const errors = error.validation.map((v) => ({
      path: v.instancePath || '/',
      message: v.keyword === 'additionalProperties' ? `unknown field "${(v.params as { additionalProperty?: string }).additionalProperty}"` : v.message ?? 'invalid',
    }));
    body = problem(request, C.VALIDATION_FAILED, `${error.validationContext ?? 'request'}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors });
  } else if (error.code && FASTIFY[error.code]) {
    body = problem(request, FASTIFY[error.code]!, error.message);
  } else if (error instanceof SyntaxError && error.statusCode === 400) {
    body = problem(request, C.MALFORMED_JSON, error.message);
  } else if (typeof error.code === 'string' && SQLSTATE[error.code]) {
    request.log.warn({ err: error }, 'database refused a client value');
    body = problem(request, SQLSTATE[error.code]!);
  } else if (error instanceof SilentStatementFailure) {
    request.log.error({ err: error }, 'spatial statement failed silently');
    body = problem(request, C.SPATIAL_ENGINE_FAILURE);
  } else if (error.statusCode === 413) {
    body = problem(request, C.PAYLOAD_TOO_LARGE, error.message);
  } else if (error.statusCode === 415) {
    body = problem(request, C.UNSUPPORTED_MEDIA_TYPE, error.message);
  } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    request.log.warn({ err: error }, 'client error without a catalogue code');
    body = problem(request, C.VALIDATION_FAILED, error.message);
  } else {
    request.log.error({ err: error }, 'request failed');
    body = problem(request, C.INTERNAL_ERROR);
  }
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, code: string, detail?: string) {
  const body = problem(request, code, detail);
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}
