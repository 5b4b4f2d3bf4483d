import { Alert } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';

const WARN_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Warns when the password expires within two weeks (the server still enforces expiry). */
export function PasswordExpiryNotice({ expiresAt }: { expiresAt: string | null }) {
  const { t, time } = useI18n();
  if (!expiresAt) return null;
  const left = new Date(expiresAt).getTime() - Date.now();
  if (Number.isNaN(left) || left > WARN_DAYS * DAY_MS) return null;
  return (
    <Alert
      type="warning"
      showIcon
      closable
      title={t('layout.passwordExpires', { time: time(expiresAt) })}
      style={{ marginBottom: 16 }}
    />
  );
}
