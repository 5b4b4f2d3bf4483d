import type { DictKey, Lang, Vars } from '../i18n/translate.ts';
import { ApiError } from './client.ts';

type T = (key: DictKey, vars?: Vars) => string;

/** The user-facing text of an error: the server's message in the current language when it sent one. */
export function errorText(error: unknown, lang: Lang, t: T): string {
  if (error instanceof ApiError) {
    const localized = error.problem?.message?.[lang];
    if (localized) return localized;
    if (error.status === 0) return t('common.networkError');
    return error.problem?.title ?? t('common.unknownError', { status: error.status });
  }
  return t('common.networkError');
}

/** The server's request id of a failed call, for support. */
export function requestIdOf(error: unknown): string | undefined {
  return error instanceof ApiError ? error.problem?.requestId : undefined;
}
