import type { DictKey } from '../i18n/translate.ts';
import { REVIEW_ITEMS } from './types.ts';

/** The dictionary key of a service item's name, when it is one with a spatial review. */
export function itemNameKey(code: string): DictKey | undefined {
  return (REVIEW_ITEMS as readonly string[]).includes(code) ? (`review.item.${code}` as DictKey) : undefined;
}
