import { useCallback, useState } from 'react';
import { Alert, Button } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import type { AuditVerify as VerifyResult } from '../../api/types.ts';
import { useSubmit } from '../../api/useSubmit.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';

/** The "verify chain" button; its outcome is rendered by {@link AuditVerifyOutcome}. */
export function useAuditVerify() {
  const [result, setResult] = useState<VerifyResult>();
  const submit = useSubmit(
    useCallback(async () => {
      setResult(undefined);
      setResult(await api<VerifyResult>('/api/audit/verify'));
    }, []),
  );
  return { result, ...submit };
}

export function AuditVerifyButton({ pending, onClick }: { pending: boolean; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <Button icon={<SafetyOutlined />} loading={pending} onClick={onClick}>
      {t('audit.verify')}
    </Button>
  );
}

/** Green when GET /api/audit/verify says the chain is intact, red with where it broke otherwise. */
export function AuditVerifyOutcome({ result, error }: { result: VerifyResult | undefined; error: unknown }) {
  const { t } = useI18n();
  if (error) return <ProblemAlert error={error} />;
  if (!result) return null;
  if (result.ok) return <Alert type="success" showIcon title={t('audit.verifyOk', { n: result.checked })} />;
  return (
    <Alert
      type="error"
      showIcon
      title={t('audit.verifyBroken', { at: result.brokenAt ?? '?', n: result.checked })}
      description={result.reason ? t('audit.verifyReason', { reason: result.reason }) : undefined}
    />
  );
}
