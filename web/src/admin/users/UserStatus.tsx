import { Space, Tag } from 'antd';
import type { AdminUser } from '../../api/types.ts';
import { useI18n } from '../../i18n/LangContext.ts';

/** True while `lockedUntil` lies in the future. */
export function isLocked(user: AdminUser): boolean {
  return !!user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now();
}

/** Disabled / locked-until / active, as tags. */
export function UserStatus({ user }: { user: AdminUser }) {
  const { t, time } = useI18n();
  const locked = isLocked(user);
  return (
    <Space size={4} wrap>
      {user.disabled && <Tag color="red">{t('users.disabled')}</Tag>}
      {locked && <Tag color="orange">{t('users.lockedUntil', { time: time(user.lockedUntil) })}</Tag>}
      {!user.disabled && !locked && <Tag color="green">{t('users.active')}</Tag>}
    </Space>
  );
}
