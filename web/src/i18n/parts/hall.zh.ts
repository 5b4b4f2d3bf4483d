/** UI strings of one area, merged into the Chinese dictionary (keys prefixed by the area). */
export const hallZh = {
};
