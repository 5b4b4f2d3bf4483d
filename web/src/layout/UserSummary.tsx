import { Typography } from 'antd';
import { localName, type Me } from '../api/types.ts';
import { useI18n } from '../i18n/LangContext.ts';

/** Last sign-in time and address, which 等保 requires us to show the user. */
export function LastLoginText({ me }: { me: Me }) {
  const { t, time } = useI18n();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {me.lastLogin ? t('layout.lastLogin', { time: time(me.lastLogin.at), ip: me.lastLogin.ip }) : t('layout.firstLogin')}
    </Typography.Text>
  );
}

/** Display name, department and last sign-in, stacked. */
export function UserSummary({ me, align = 'end' }: { me: Me; align?: 'start' | 'end' }) {
  const { t, lang } = useI18n();
  return (
    <div role="group" aria-label={t('layout.user')} style={{ lineHeight: 1.4, textAlign: align }}>
      <div>
        <Typography.Text strong>{me.displayName}</Typography.Text>
        {me.department && <Typography.Text type="secondary"> · {localName(me.department, lang)}</Typography.Text>}
      </div>
      <LastLoginText me={me} />
    </div>
  );
}
