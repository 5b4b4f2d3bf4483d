import { useCallback, useState } from 'react';
import { App, Button, Checkbox, Form, Select } from 'antd';
import { api } from '../../api/client.ts';
import { localName, type AdminUser, type Role } from '../../api/types.ts';
import { useSubmit } from '../../api/useSubmit.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';

export interface AssignRolesProps {
  users: AdminUser[];
  roles: Role[];
  loading: boolean;
  /** Reload users after saving so the table shows the new roles. */
  onSaved: () => void;
}

/** PUT /api/admin/users/:id/roles {roles}: choose a user, tick their roles, save. */
export function AssignRoles({ users, roles, loading, onSaved }: AssignRolesProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [userId, setUserId] = useState<string>();
  const [chosen, setChosen] = useState<string[]>([]);
  const user = users.find((u) => String(u.id) === userId);
  const withCode = (name: string, code: string) => (lang === 'zh' ? `${name}（${code}）` : `${name} (${code})`);

  const selectUser = (id: string) => {
    setUserId(id);
    setChosen(users.find((u) => String(u.id) === id)?.roles.map((r) => r.code) ?? []);
  };

  const submit = useSubmit(
    useCallback(
      async (target: { id: string; roles: string[] }) => {
        await api(`/api/admin/users/${encodeURIComponent(target.id)}/roles`, {
          method: 'PUT',
          body: { roles: target.roles },
        });
        void message.success(t('common.saved'));
        onSaved();
      },
      [message, t, onSaved],
    ),
  );

  return (
    <Form layout="vertical" name="assignRoles" style={{ maxWidth: 560 }}>
      <Form.Item label={t('roles.user')} htmlFor="assignRoles_user">
        <Select
          id="assignRoles_user"
          value={userId}
          onChange={selectUser}
          loading={loading}
          placeholder={t('roles.selectUser')}
          showSearch={{ optionFilterProp: 'label' }}
          options={users.map((u) => ({ value: String(u.id), label: withCode(u.displayName, u.username) }))}
        />
      </Form.Item>
      {user && (
        <>
          <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
            <legend style={{ fontSize: 14, marginBottom: 8, border: 0 }}>{t('roles.userRoles')}</legend>
            <Checkbox.Group
              value={chosen}
              onChange={setChosen}
              options={roles.map((r) => ({ value: r.code, label: withCode(localName(r, lang), r.code) }))}
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
            />
          </fieldset>
          {!!submit.error && (
            <div style={{ marginBottom: 16 }}>
              <ProblemAlert error={submit.error} />
            </div>
          )}
          <Button type="primary" loading={submit.pending} onClick={() => void submit.run({ id: String(user.id), roles: chosen })}>
            {t('roles.assignSave')}
          </Button>
        </>
      )}
    </Form>
  );
}
