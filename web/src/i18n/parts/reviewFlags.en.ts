import type { reviewFlagsZh } from './reviewFlags.zh.ts';

/** English strings of the same area; typed against the Chinese part so no key is missed. */
export const reviewFlagsEn: Record<keyof typeof reviewFlagsZh, string> = {
};
