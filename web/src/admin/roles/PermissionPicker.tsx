import { Checkbox, Typography } from 'antd';
import type { Permission } from '../../api/types.ts';
import { useI18n } from '../../i18n/LangContext.ts';

export interface PermissionPickerProps {
  catalogue: Permission[];
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
  /** Set by Form.Item; placed on the group so the field label has a target. */
  id?: string;
}

/** Permission checkboxes grouped by `group`, each group a labelled fieldset. Works as a form control. */
export function PermissionPicker({ catalogue, value = [], onChange, disabled, id }: PermissionPickerProps) {
  const { lang, t } = useI18n();
  const groups = new Map<string, Permission[]>();
  for (const permission of catalogue) {
    const list = groups.get(permission.group) ?? [];
    list.push(permission);
    groups.set(permission.group, list);
  }
  const selected = new Set(value);

  const setGroup = (codesInGroup: string[], chosen: string[]) => {
    const others = value.filter((code) => !codesInGroup.includes(code));
    onChange?.([...others, ...chosen]);
  };

  return (
    <div id={id} role="group" aria-label={t('roles.permissions')} style={{ maxHeight: 420, overflowY: 'auto' }}>
      {[...groups].map(([group, permissions]) => {
        const codes = permissions.map((p) => p.code);
        return (
          <fieldset key={group} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', marginBottom: 12 }}>
            <legend style={{ padding: '0 4px', width: 'auto', marginBottom: 0, fontSize: 14, border: 0 }}>
              <Typography.Text strong>{group}</Typography.Text>
            </legend>
            <Checkbox.Group
              disabled={disabled}
              value={codes.filter((code) => selected.has(code))}
              onChange={(chosen) => setGroup(codes, chosen)}
              options={permissions.map((p) => ({
                value: p.code,
                label: (
                  <span>
                    {p.name[lang]} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.code}</Typography.Text>
                  </span>
                ),
              }))}
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            />
          </fieldset>
        );
      })}
    </div>
  );
}
