import type { reviewFlagsZh } from './reviewFlags.zh.ts';

/** English strings of the same area; typed against the Chinese part so no key is missed. */
export const reviewFlagsEn: Record<keyof typeof reviewFlagsZh, string> = {
  'reviewFlags.acknowledge': 'Acknowledge',
  'reviewFlags.note': 'Note (optional)',
  'reviewFlags.notePlaceholder': 'e.g. checked against the new data; the applicant is asked to move the boundary',
  'reviewFlags.acknowledgedBy': 'Acknowledged by {name} at {at}',
  'reviewFlags.acknowledgedNote': 'Note: {note}',
  'reviewFlags.done': 'Re-review flag acknowledged',
  'reviewFlags.showAcknowledged': 'Show acknowledged flags',
  'reviewFlags.open': '{n} to acknowledge',
};
