import { theme, type ThemeConfig } from 'antd';
import type { DisplaySettings } from './accessibility.ts';

/**
 * antd theme of the hall for the 适老化 settings: large text raises the base size to 20 px
 * (GB/T 37668 and the 适老化 guideline ask for at least 18 px); high contrast is white and
 * yellow on black with visible borders, every text pair above WCAG AA.
 */
export function hallTheme(s: DisplaySettings): ThemeConfig {
  // Links in antd's default blue (#1677ff) reach only 4.1:1 on white; the bureau blue reaches 6:1.
  const token: ThemeConfig['token'] = { colorLink: '#0958d9', colorLinkHover: '#003eb3', colorError: '#cf1322' };
  if (s.largeText) Object.assign(token, { fontSize: 20, fontSizeSM: 18, fontSizeLG: 22, fontSizeXL: 24, controlHeight: 44, controlHeightSM: 36, controlHeightLG: 52 });
  if (!s.highContrast) return { token };
  return {
    algorithm: theme.darkAlgorithm,
    token: {
      ...token,
      colorPrimary: '#ffd400',
      colorLink: '#ffd400',
      colorInfo: '#7cc4ff',
      colorSuccess: '#5be37a',
      colorWarning: '#ffb020',
      colorError: '#ff7b7b',
      colorBgBase: '#000000',
      colorTextBase: '#ffffff',
      colorBgLayout: '#000000',
      colorBgContainer: '#000000',
      colorBgElevated: '#111111',
      colorBorder: '#ffffff',
      colorBorderSecondary: '#bfbfbf',
      colorText: '#ffffff',
      colorTextSecondary: '#f0f0f0',
      colorTextTertiary: '#e0e0e0',
      colorTextDescription: '#e0e0e0',
      colorTextQuaternary: '#d0d0d0',
      colorTextPlaceholder: '#c8c8c8',
      colorTextDisabled: '#bfbfbf',
      // Text on primary (yellow) buttons.
      colorTextLightSolid: '#000000',
    },
  };
}
