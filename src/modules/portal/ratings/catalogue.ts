/**
 * 好差评 levels (国办发〔2019〕51号: 非常满意 … 非常不满意) and the fixed list of tags an applicant
 * may choose. Levels 1 and 2 are 差评 and open a rectification (整改) for the competent department.
 */
export const LEVELS = [
  { level: 5, name: '非常满意', nameEn: 'Very satisfied' },
  { level: 4, name: '满意', nameEn: 'Satisfied' },
  { level: 3, name: '基本满意', nameEn: 'Fairly satisfied' },
  { level: 2, name: '不满意', nameEn: 'Dissatisfied' },
  { level: 1, name: '非常不满意', nameEn: 'Very dissatisfied' },
] as const;

export const TAGS = [
  { code: 'efficient', name: '办事效率高', nameEn: 'Handled quickly', positive: true },
  { code: 'attitude_good', name: '服务态度好', nameEn: 'Friendly service', positive: true },
  { code: 'guide_clear', name: '办事指南清晰', nameEn: 'Clear service guide', positive: true },
  { code: 'online_easy', name: '网上办理便捷', nameEn: 'Easy to apply online', positive: true },
  { code: 'fewer_visits', name: '少跑腿', nameEn: 'Few visits needed', positive: true },
  { code: 'slow', name: '办理时间长', nameEn: 'Took too long', positive: false },
  { code: 'attitude_poor', name: '服务态度差', nameEn: 'Unfriendly service', positive: false },
  { code: 'guide_unclear', name: '办事指南不清晰', nameEn: 'Unclear service guide', positive: false },
  { code: 'materials_repeated', name: '重复提交材料', nameEn: 'Materials asked for again', positive: false },
  { code: 'many_visits', name: '多次跑动', nameEn: 'Too many visits', positive: false },
  { code: 'system_hard', name: '系统不好用', nameEn: 'The system is hard to use', positive: false },
] as const;

export const TAG_CODES: ReadonlySet<string> = new Set(TAGS.map((t) => t.code));

/** Ratings at or below this level are 差评 and open a rectification. */
export const POOR_LEVEL = 2;

/** Working days (official calendar) the competent department has to answer a poor rating. */
export const RECTIFICATION_WORKING_DAYS = 5;

/** Working days left at which an open rectification turns yellow (as the case clock's warning). */
export const RECTIFICATION_WARNING_DAYS = 2;

/** Case states after a decision: 准予/不予许可, 制证, 送达, 不予受理. */
export const RATEABLE_STATES = ['DONE_APPROVED', 'DONE_DENIED', 'CERTIFIED', 'DELIVERED', 'REJECTED_ACCEPT'] as const;

export function levelName(level: number): { name: string; nameEn: string } {
  const l = LEVELS.find((x) => x.level === level)!;
  return { name: l.name, nameEn: l.nameEn };
}
