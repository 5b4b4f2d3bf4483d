import { useState } from 'react';
import { App, Button, Popconfirm, Space } from 'antd';
import { api } from '../../api/client.ts';
import type { AdminUser, InitialPasswordResponse } from '../../api/types.ts';
import { useNotifyError } from '../../api/useNotifyError.ts';
import { useI18n } from '../../i18n/LangContext.ts';
import { isLocked } from './UserStatus.tsx';

export interface UserActionsProps {
  user: AdminUser;
  /** Reload the table after a change. */
  onChanged: () => void;
  onPasswordIssued: (name: string, password: string) => void;
}

type Busy = 'toggle' | 'unlock' | 'reset' | null;

/** Disable/enable, unlock and reset-password buttons for one user row. */
export function UserActions({ user, onChanged, onPasswordIssued }: UserActionsProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [busy, setBusy] = useState<Busy>(null);
  const base = `/api/admin/users/${encodeURIComponent(String(user.id))}`;
  const name = user.displayName || user.username;

  async function perform(kind: Exclude<Busy, null>, call: () => Promise<void>) {
    setBusy(kind);
    try {
      await call();
      void message.success(t('users.done'));
      onChanged();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  }

  const toggle = () =>
    perform('toggle', () => api(base, { method: 'PATCH', body: { disabled: !user.disabled } }));
  const unlock = () => perform('unlock', () => api(`${base}/unlock`, { method: 'POST' }));
  const reset = () =>
    perform('reset', async () => {
      const result = await api<InitialPasswordResponse>(`${base}/reset-password`, { method: 'POST' });
      onPasswordIssued(name, result.initialPassword);
    });

  return (
    <Space size={4} wrap>
      {user.disabled ? (
        <Button size="small" loading={busy === 'toggle'} onClick={() => void toggle()}>
          {t('users.enable')}
        </Button>
      ) : (
        <Popconfirm title={t('users.confirmDisable', { name })} onConfirm={toggle}>
          <Button size="small" danger loading={busy === 'toggle'}>
            {t('users.disable')}
          </Button>
        </Popconfirm>
      )}
      {isLocked(user) && (
        <Button size="small" loading={busy === 'unlock'} onClick={() => void unlock()}>
          {t('users.unlock')}
        </Button>
      )}
      <Popconfirm title={t('users.confirmReset', { name })} onConfirm={reset}>
        <Button size="small" loading={busy === 'reset'}>
          {t('users.resetPassword')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
