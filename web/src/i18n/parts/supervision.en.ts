import type { supervisionZh } from './supervision.zh.ts';

/** English strings of the same area; typed against the Chinese part so no key is missed. */
export const supervisionEn: Record<keyof typeof supervisionZh, string> = {
};
