import { defineErrors, errorCatalogue } from '../../../core/errors.ts';

/** Errors of 好差评 (ratings) and rectification. */
export const RatingErrors = defineErrors({
  RATING_NOT_ALLOWED: { status: 409, zh: '办件尚未办结，暂不能评价', en: 'The case has no decision yet; it cannot be rated' },
  RATING_EXISTS: { status: 409, zh: '该办件已评价，每个办件只能评价一次', en: 'The case has already been rated; a case is rated once' },
  RATING_TAG_UNKNOWN: { status: 422, zh: '评价标签不在规定范围内', en: 'A rating tag is not one of the listed tags' },
  RECTIFICATION_NOT_FOUND: { status: 404, zh: '整改任务不存在', en: 'No such rectification' },
  RECTIFICATION_FORBIDDEN: { status: 403, zh: '只有承办股室的工作人员可以答复该整改任务', en: 'Only staff of the competent department may reply to this rectification' },
  RECTIFICATION_CLOSED: { status: 409, zh: '该整改任务已答复办结', en: 'The rectification has already been answered and closed' },
});

/**
 * CASE_FORBIDDEN belongs to the hall (the same generic 403 for another applicant's case and an
 * unknown id). Called at registration, after every module's catalogue is loaded: defines the
 * code only when the hall has not.
 */
export function ensureCaseForbidden(): void {
  if (errorCatalogue().has('CASE_FORBIDDEN')) return;
  defineErrors({ CASE_FORBIDDEN: { status: 403, zh: '无权查看该办件', en: 'You may not see this case' } });
}
