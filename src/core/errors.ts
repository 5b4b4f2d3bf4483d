/**
 * The error catalogue: every error a client can see, with a stable code, an HTTP status and a
 * safe message in Chinese and English. Modules add their own entries through defineErrors().
 * A test keeps codes unique, UPPER_SNAKE and bilingual.
 */
export interface ErrorSpec {
  readonly status: number;
  readonly zh: string;
  readonly en: string;
}

const catalogue = new Map<string, ErrorSpec>();

/** Registers error codes; refuses a code registered twice. Returns the specs typed by code. */
export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T): { [K in keyof T]: K } {
  const codes = {} as { [K in keyof T]: K };
  for (const [code, spec] of Object.entries(specs)) {
    if (catalogue.has(code)) throw new Error(`error code ${code} is defined twice`);
    catalogue.set(code, spec);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

export function errorCatalogue(): ReadonlyMap<string, ErrorSpec> {
  return catalogue;
}

export const CoreErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, zh: '请求内容不符合要求', en: 'The request is not valid' },
  MALFORMED_JSON: { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request body is too large' },
  NOT_FOUND: { status: 404, zh: '请求的资源不存在', en: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持该请求方法', en: 'Method not allowed' },
  CONFLICT: { status: 409, zh: '数据冲突，请刷新后重试', en: 'The data conflicts with existing data; refresh and retry' },
  REFERENCE_NOT_FOUND: { status: 409, zh: '引用的数据不存在', en: 'A referenced record does not exist' },
  INVALID_VALUE: { status: 400, zh: '参数值无效', en: 'A parameter value is not valid' },
  CROSS_SITE_REQUEST: { status: 403, zh: '拒绝跨站请求', en: 'Cross-site request refused' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL_ERROR: { status: 500, zh: '系统内部错误，请联系管理员并提供请求编号', en: 'Something failed on our side; contact the administrator with the request id' },
  SERVICE_UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
  SPATIAL_ENGINE_FAILURE: { status: 500, zh: '空间计算失败，结果不可用（几何图形可能无效）', en: 'The spatial computation failed; no result is available (a geometry may be invalid)' },
});

/** A domain error: carries a catalogue code, an optional internal detail and safe extra fields. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    /** Extra, safe fields for the client (e.g. lockedUntil); never secrets. */
    readonly extra: Record<string, unknown> = {},
    /** Detail for the client in English; keep it free of internals. */
    readonly detail?: string,
  ) {
    const spec = catalogue.get(code);
    if (!spec) throw new Error(`unknown error code ${code}`);
    super(detail ?? spec.en);
    this.name = 'AppError';
    this.status = spec.status;
  }
}

export function specOf(code: string): ErrorSpec {
  const spec = catalogue.get(code);
  if (!spec) throw new Error(`unknown error code ${code}`);
  return spec;
}
