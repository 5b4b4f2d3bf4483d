import { useRef, useState } from 'react';
import { Alert, Button, Grid, List, Progress, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, DeleteOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/errorText.ts';
import { useI18n } from '../../i18n/LangContext.ts';
import { TONE } from '../tone.ts';
import type { DraftMaterial, GuideMaterial } from '../types.ts';
import { formatSize, MATERIAL_ACCEPT, MATERIAL_MAX_BYTES, materialFileProblem, uploadMaterial } from '../upload.ts';

interface RowState {
  percent?: number;
  error?: string;
}

export interface MaterialUploaderProps {
  material: GuideMaterial;
  current: { name: string; size: number } | undefined;
  onUploaded: (m: DraftMaterial) => void;
  onRemove?: () => void;
  disabled?: boolean;
}

/** One checklist line: what to bring, its template, the uploaded file, an upload button with progress. */
export function MaterialUploader({ material: m, current, onUploaded, onRemove, disabled }: MaterialUploaderProps) {
  const { t, lang } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [row, setRow] = useState<RowState>({});
  const choose = async (file: File | undefined) => {
    if (!file) return;
    const problem = materialFileProblem(file);
    if (problem) {
      setRow({ error: t(`hall.upload.${problem}`, { max: formatSize(MATERIAL_MAX_BYTES) }) });
      return;
    }
    setRow({ percent: 0 });
    try {
      const up = await uploadMaterial(file, (percent) => setRow({ percent }));
      setRow({});
      onUploaded({ code: m.code, fileId: up.fileId, name: up.name, size: up.size, mime: up.mime });
    } catch (cause) {
      setRow({ error: cause instanceof ApiError ? errorText(cause, lang, t) : t('common.networkError') });
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  const inputId = `material-${m.code}`;
  return (
    <List.Item
      data-testid={`material-row-${m.code}`}
      actions={[
        <Button key="up" icon={<UploadOutlined />} disabled={disabled || row.percent !== undefined} onClick={() => input.current?.click()} aria-describedby={`${inputId}-name`}>
          {current ? t('hall.upload.replace') : t('hall.upload.choose')}
        </Button>,
        ...(current && onRemove
          ? [
              <Button key="rm" icon={<DeleteOutlined />} danger disabled={disabled} onClick={onRemove} aria-label={t('hall.upload.removeOf', { name: m.name })} />,
            ]
          : []),
      ]}
    >
      <List.Item.Meta
        title={
          <Space size={4} wrap>
            <span id={`${inputId}-name`}>{m.name}</span>
            <Tag variant="solid" color={m.requirement === 'required' ? TONE.red : TONE.grey}>{t(`hall.requirement.${m.requirement}`)}</Tag>
            {m.templateUrl && (
              <a href={m.templateUrl} download>
                <FilePdfOutlined /> {t('hall.guide.template')}
              </a>
            )}
          </Space>
        }
        description={
          <>
            {m.condition && <div>{t('hall.guide.conditionOf', { condition: m.condition })}</div>}
            {current && (
              <div data-testid={`material-file-${m.code}`}>
                <CheckCircleFilled style={{ color: TONE.green }} aria-hidden /> {current.name}（{formatSize(current.size)}）
              </div>
            )}
            {row.percent !== undefined && <Progress percent={row.percent} size="small" aria-label={t('hall.upload.progressOf', { name: m.name })} />}
            {row.error && <Alert type="error" showIcon title={row.error} role="alert" style={{ marginTop: 4 }} />}
          </>
        }
      />
      <input
        ref={input}
        id={inputId}
        type="file"
        accept={MATERIAL_ACCEPT}
        hidden
        aria-label={t('hall.upload.for', { name: m.name })}
        data-testid={`material-input-${m.code}`}
        onChange={(e) => void choose(e.target.files?.[0])}
      />
    </List.Item>
  );
}

export interface MaterialsStepProps {
  materials: GuideMaterial[];
  uploaded: DraftMaterial[];
  onChange: (change: (current: DraftMaterial[]) => DraftMaterial[]) => void;
}

/** 上传材料: the item's checklist; PDF, JPEG or PNG up to 20 MB each, checked before sending. */
export function MaterialsStep({ materials, uploaded, onChange }: MaterialsStepProps) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('hall.upload.rule', { max: formatSize(MATERIAL_MAX_BYTES) })}</Typography.Paragraph>
      <List
        bordered
        // On a phone the buttons go under the material's name instead of squeezing it.
        itemLayout={screens.sm === false ? 'vertical' : 'horizontal'}
        dataSource={materials}
        renderItem={(m) => (
          <MaterialUploader
            key={m.code}
            material={m}
            current={uploaded.find((u) => u.code === m.code)}
            onUploaded={(file) => onChange((current) => [...current.filter((u) => u.code !== m.code), file])}
            onRemove={() => onChange((current) => current.filter((u) => u.code !== m.code))}
          />
        )}
      />
    </>
  );
}
