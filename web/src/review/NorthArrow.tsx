import { useI18n } from '../i18n/LangContext.ts';

/** A north arrow drawn over the map's top-right corner (the view is never rotated). */
export function NorthArrow() {
  const { t } = useI18n();
  return (
    <div
      role="img"
      aria-label={t('review.map.north')}
      data-testid="north-arrow"
      style={{ position: 'absolute', top: 8, right: 8, zIndex: 2, background: 'rgba(255,255,255,0.85)', borderRadius: 6, padding: '2px 6px', textAlign: 'center', pointerEvents: 'none' }}
    >
      <div style={{ fontSize: 12, fontWeight: 700, lineHeight: '14px' }}>{t('review.map.north')}</div>
      <svg width="20" height="28" viewBox="0 0 20 28" aria-hidden>
        <polygon points="10,0 18,26 10,20" fill="#262626" />
        <polygon points="10,0 2,26 10,20" fill="#ffffff" stroke="#262626" strokeWidth="1" />
      </svg>
    </div>
  );
}
