import type { ReactNode } from 'react';
import { AlertOutlined, AuditOutlined, SafetyOutlined } from '@ant-design/icons';
import type { DictKey } from '../i18n/translate.ts';

export interface ReviewNavEntry {
  key: string;
  path: string;
  title: DictKey;
  icon: ReactNode;
  /** Shown to holders of any of these permissions. */
  anyOf: string[];
}

/** The review pages in the staff navigation (there is no review face; permissions decide). */
export const REVIEW_NAV: ReviewNavEntry[] = [
  { key: 'review-check', path: '/review/check', title: 'review.nav.check', icon: <AuditOutlined />, anyOf: ['review:run'] },
  { key: 'review-flags', path: '/review/flags', title: 'review.nav.flags', icon: <AlertOutlined />, anyOf: ['case:review'] },
  { key: 'review-rules', path: '/review/rules', title: 'review.nav.rules', icon: <SafetyOutlined />, anyOf: ['rules:manage'] },
];

/** The entries a user with `permissions` sees. */
export function reviewNavFor(permissions: readonly string[]): ReviewNavEntry[] {
  return REVIEW_NAV.filter((e) => e.anyOf.some((p) => permissions.includes(p)));
}
