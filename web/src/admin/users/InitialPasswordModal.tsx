import { Alert, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n/LangContext.ts';

export interface IssuedPassword {
  /** Whom the password belongs to (display name or username). */
  name: string;
  password: string;
}

/** Shows a one-time initial password; it is never fetched again once closed. */
export function InitialPasswordModal({ issued, onClose }: { issued: IssuedPassword | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={issued !== null}
      title={t('users.initialPasswordTitle')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      destroyOnHidden
    >
      {issued && (
        <>
          <Typography.Paragraph>
            <Typography.Text code copyable={{ text: issued.password }} style={{ fontSize: 18 }}>
              {issued.password}
            </Typography.Text>
          </Typography.Paragraph>
          <Alert type="warning" showIcon title={t('users.initialPasswordNote', { name: issued.name })} />
        </>
      )}
    </Modal>
  );
}
