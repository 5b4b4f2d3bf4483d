import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Form, Modal, Progress, Typography } from 'antd';
import { api, ApiError, isAbort } from '../api/client.ts';
import { useMe } from '../auth/MeContext.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { ImportForm, newCodeKind, type ImportValues } from './ImportForm.tsx';
import { ImportJobStatus } from './ImportJobStatus.tsx';
import type { DataLayer, ImportJob, ImportRequest, ImportStarted } from './types.ts';
import { uploadFile } from './uploadFile.ts';

type Phase =
  | { kind: 'form' }
  | { kind: 'uploading'; percent: number; fileName: string }
  | { kind: 'starting' }
  | { kind: 'job'; started: ImportStarted; finished: boolean };

export interface ImportModalProps {
  open: boolean;
  layers: DataLayer[];
  onClose: () => void;
  /** Called when an import finished (either way), so the list shows the new version. */
  onImported: (job: ImportJob) => void;
}

function requestOf(values: ImportValues, fileId: string, layers: DataLayer[]): { code: string; body: ImportRequest } {
  const body: ImportRequest = { fileId };
  if (values.zone) body.zone = values.zone;
  if (values.sourceLayer?.trim()) body.sourceLayer = values.sourceLayer.trim();
  if (values.target === 'existing') return { code: values.existingCode!, body };
  const code = values.newCode!.trim();
  if (newCodeKind(code, layers) === 'define') {
    body.define = { name: values.name!.trim(), category: values.category!, geometryType: values.geometryType!, access: values.access ?? 'staff' };
    if (values.nameEn?.trim()) body.define.nameEn = values.nameEn.trim();
    if (values.access === 'restricted' && values.requiredPermission) body.define.requiredPermission = values.requiredPermission.trim();
  }
  return { code, body };
}

/** 导入数据: pick target and file, upload with progress, start the import job and follow it to its outcome. */
export function ImportModal({ open, layers, onClose, onImported }: ImportModalProps) {
  const { t } = useI18n();
  const { signedOut } = useMe();
  const [form] = Form.useForm<ImportValues>();
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [error, setError] = useState<unknown>();
  const abort = useRef<AbortController | null>(null);

  // Closing the dialog stops an upload in flight; a started job runs on in the server.
  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(
    async (values: ImportValues) => {
      const file = values.files?.[0]?.originFileObj;
      if (!file) return;
      setError(undefined);
      const controller = new AbortController();
      abort.current = controller;
      try {
        setPhase({ kind: 'uploading', percent: 0, fileName: file.name });
        const stored = await uploadFile(file, {
          signal: controller.signal,
          onProgress: (percent) => setPhase({ kind: 'uploading', percent, fileName: file.name }),
        });
        setPhase({ kind: 'starting' });
        const { code, body } = requestOf(values, stored.id, layers);
        const started = await api<ImportStarted>(`/api/gis/layers/${encodeURIComponent(code)}/imports`, {
          method: 'POST',
          body,
          signal: controller.signal,
        });
        setPhase({ kind: 'job', started, finished: false });
      } catch (cause) {
        if (isAbort(cause)) return;
        if (cause instanceof ApiError && cause.status === 401) signedOut();
        setError(cause);
        setPhase({ kind: 'form' });
      }
    },
    [layers, signedOut],
  );

  const finished = useCallback(
    (job: ImportJob) => {
      setPhase((p) => (p.kind === 'job' ? { ...p, finished: true } : p));
      onImported(job);
    },
    [onImported],
  );

  const busy = phase.kind === 'uploading' || phase.kind === 'starting';
  const footer =
    phase.kind === 'job'
      ? [
          <Button key="close" type={phase.finished ? 'primary' : 'default'} onClick={onClose}>
            {phase.finished ? t('data.close') : t('data.closeRunning')}
          </Button>,
        ]
      : [
          <Button key="cancel" onClick={onClose}>
            {t('common.cancel')}
          </Button>,
          <Button key="start" type="primary" loading={busy} onClick={() => form.submit()}>
            {t('data.uploadAndImport')}
          </Button>,
        ];

  return (
    <Modal open={open} title={t('data.import')} onCancel={onClose} footer={footer} maskClosable={false} forceRender>
      {!!error && (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={error} />
        </div>
      )}
      {/* Kept mounted (hidden) after the upload so antd's form instance stays connected. */}
      <div hidden={phase.kind === 'job'}>
        <ImportForm form={form} layers={layers} onFinish={(values) => void start(values)} />
      </div>
      {phase.kind === 'uploading' && (
        <div data-testid="upload-progress">
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('data.uploading', { name: phase.fileName })}</Typography.Paragraph>
          <Progress percent={phase.percent} status="active" aria-label={t('data.uploadProgress')} />
        </div>
      )}
      {phase.kind === 'starting' && <Typography.Paragraph>{t('data.starting')}</Typography.Paragraph>}
      {phase.kind === 'job' && <ImportJobStatus started={phase.started} onFinished={finished} />}
    </Modal>
  );
}
