import type { hallZh } from './hall.zh.ts';

/** English strings of the same area; typed against the Chinese part so no key is missed. */
export const hallEn: Record<keyof typeof hallZh, string> = {
};
