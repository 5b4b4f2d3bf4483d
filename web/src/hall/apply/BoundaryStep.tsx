import { useRef, useState } from 'react';
import { Button, Flex, Spin, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/LangContext.ts';
import { BoundaryProblem } from '../../review/BoundaryProblem.tsx';
import type { Draft } from '../types.ts';
import { PrecheckView } from './PrecheckView.tsx';

const BOUNDARY_ACCEPT = '.txt,.json,.geojson,.zip,.dxf';

/** 项目红线: the boundary file (国土TXT, GeoJSON, zipped Shapefile, DXF) and its instant pre-check. */
export function BoundaryStep({ draft, onDraft }: { draft: Draft; onDraft: (d: Draft) => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  const send = async (file: File | undefined) => {
    if (!file) return;
    setPending(true);
    setError(undefined);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      onDraft(await api<Draft>(`/api/portal/drafts/${encodeURIComponent(draft.id)}/boundary`, { method: 'POST', body }));
    } catch (cause) {
      setError(cause);
    } finally {
      setPending(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('hall.boundary.desc')}
      </Typography.Paragraph>
      <Flex gap={12} align="center" wrap>
        <Button type={draft.boundaryFileName ? 'default' : 'primary'} icon={<UploadOutlined />} loading={pending} onClick={() => input.current?.click()}>
          {draft.boundaryFileName ? t('hall.boundary.replace') : t('hall.boundary.choose')}
        </Button>
        {draft.boundaryFileName && <Typography.Text data-testid="boundary-file">{draft.boundaryFileName}</Typography.Text>}
        <input
          ref={input}
          type="file"
          hidden
          accept={BOUNDARY_ACCEPT}
          aria-label={t('hall.boundary.choose')}
          data-testid="boundary-input"
          onChange={(e) => void send(e.target.files?.[0])}
        />
      </Flex>
      {pending && <Spin description={t('hall.boundary.checking')}><div style={{ minHeight: 40 }} /></Spin>}
      {error !== undefined && <BoundaryProblem error={error} />}
      {draft.precheck && !pending && <PrecheckView precheck={draft.precheck} pdfUrl={`/api/portal/drafts/${encodeURIComponent(draft.id)}/precheck.pdf`} />}
    </Flex>
  );
}
