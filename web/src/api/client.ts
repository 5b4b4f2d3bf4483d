/**
 * The one place the browser talks to the server. Every non-2xx answer becomes an
 * {@link ApiError} carrying the RFC 9457 problem document the server sent.
 */

/** Localised, user-safe message the server attaches to every problem. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** RFC 9457 problem+json as sent by the landgov server, plus known extension members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  message?: LocalizedText;
  requestId?: string;
  /** ISO time until which an account stays locked (423 ACCOUNT_LOCKED). */
  lockedUntil?: string;
  /** Login attempts left before the account locks (401 on login). */
  remainingAttempts?: number;
  [extension: string]: unknown;
}

/** Thrown by {@link api} for any failed request; `status` 0 means the network failed. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;

  constructor(status: number, problem: Problem | undefined, fallback: string) {
    super(problem?.title ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** Stable error code from the server catalogue, e.g. `ACCOUNT_LOCKED`. */
  get code(): string | undefined {
    return this.problem?.code;
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** Sent as JSON when present; a FormData is sent as multipart/form-data. */
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'code' in value;
}

/** The problem document in a response body, if the body is one (for callers that cannot use {@link api}). */
export function parseProblem(text: string): Problem | undefined {
  try {
    const data: unknown = JSON.parse(text);
    return isProblem(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Calls the landgov API.
 * @param path absolute path starting with `/api/`
 * @param options method, JSON body, query parameters, abort signal
 * @returns the parsed JSON body, or `undefined` for empty responses (204)
 * @throws ApiError on non-2xx responses and network failures
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal } = options;
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, undefined, 'Network error');
  }

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, isProblem(data) ? data : undefined, response.statusText);
  }
  return data as T;
}

/** True when the error is an aborted fetch (component unmounted); such errors are ignored. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
