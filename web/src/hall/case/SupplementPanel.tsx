import { useState } from 'react';
import { Alert, Button, Input, List, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { MaterialUploader } from '../apply/MaterialsStep.tsx';
import type { CaseDetail, DraftMaterial, SupplementNotice } from '../types.ts';

/**
 * 补正: exactly the items of the open notice; the applicant replaces just those materials
 * (and may add a note to each) and resubmits.
 */
export function SupplementPanel({ c, notice, onDone }: { c: CaseDetail; notice: SupplementNotice; onDone: (next: CaseDetail) => void }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<Record<string, DraftMaterial>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);
  const replaceable = notice.items.filter((i) => i.materialCode);
  const missing = replaceable.filter((i) => !files[i.materialCode!]);
  const resubmit = async () => {
    setPending(true);
    setError(undefined);
    try {
      const materials = replaceable.map((i) => ({ code: i.materialCode!, fileId: files[i.materialCode!]!.fileId, ...(notes[i.materialCode!]?.trim() ? { note: notes[i.materialCode!]!.trim() } : {}) }));
      onDone(await api<CaseDetail>(`/api/portal/cases/${encodeURIComponent(c.id)}/resubmit`, { method: 'POST', body: { expectedVersion: c.version, materials } }));
    } catch (cause) {
      setError(cause);
    } finally {
      setPending(false);
    }
  };
  return (
    <section aria-labelledby="supplement-title" data-testid="supplement-panel">
      <Alert type="warning" showIcon title={<span id="supplement-title">{t('hall.supplement.title')}</span>} description={t('hall.supplement.desc')} style={{ marginBottom: 12 }} />
      <List
        bordered
        dataSource={notice.items}
        renderItem={(item, i) =>
          item.materialCode ? (
            <div key={i}>
              <MaterialUploader
                material={{ code: item.materialCode, name: item.name, form: 'electronic', count: 1, requirement: 'required', electronicAllowed: true, templateUrl: null, sampleUrl: null }}
                current={files[item.materialCode]}
                onUploaded={(m) => setFiles((f) => ({ ...f, [item.materialCode!]: m }))}
              />
              <div style={{ padding: '0 16px 12px' }}>
                <Typography.Paragraph type="danger" style={{ marginBottom: 4 }}>{t('hall.supplement.problem', { problem: item.problem })}</Typography.Paragraph>
                <Input
                  maxLength={500}
                  placeholder={t('hall.supplement.note')}
                  aria-label={t('hall.supplement.noteFor', { name: item.name })}
                  value={notes[item.materialCode] ?? ''}
                  onChange={(e) => setNotes((n) => ({ ...n, [item.materialCode!]: e.target.value }))}
                />
              </div>
            </div>
          ) : (
            <List.Item key={i}>
              <div>
                <Typography.Text strong>{item.name}</Typography.Text>
                <div>{t('hall.supplement.problem', { problem: item.problem })}</div>
              </div>
            </List.Item>
          )
        }
      />
      {error !== undefined && <div style={{ marginTop: 12 }}><ProblemAlert error={error} /></div>}
      <Button type="primary" style={{ marginTop: 12 }} disabled={missing.length > 0} loading={pending} onClick={() => void resubmit()} data-testid="resubmit">
        {t('hall.supplement.resubmit')}
      </Button>
      {missing.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('hall.supplement.stillMissing', { n: missing.length })}
        </Typography.Paragraph>
      )}
    </section>
  );
}
