import { Alert, Button, Descriptions, List, Typography } from 'antd';
import { useI18n } from '../../i18n/LangContext.ts';
import { useLocalName } from '../bits.tsx';
import type { Draft, FormField, GuideMaterial } from '../types.ts';
import { formatSize } from '../upload.ts';

export interface Blocker {
  text: string;
  step: number;
}

export interface ConfirmStepProps {
  draft: Draft;
  fields: FormField[];
  materials: GuideMaterial[];
  blockers: Blocker[];
  onGoto: (step: number) => void;
  stepName: (step: number) => string;
}

function display(f: FormField, v: unknown, name: (zh: string, en: string) => string): string {
  if (v === undefined || v === null || v === '') return '—';
  if (f.type === 'select') {
    const o = f.options?.find((x) => x.value === v);
    return o ? name(o.label, o.labelEn) : String(v);
  }
  return f.unit ? `${String(v)} ${f.unit}` : String(v);
}

/** 确认提交: everything that will be sent, and what still stops the submission (with a way to fix it). */
export function ConfirmStep({ draft, fields, materials, blockers, onGoto, stepName }: ConfirmStepProps) {
  const { t } = useI18n();
  const name = useLocalName();
  return (
    <>
      {blockers.length > 0 && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="submit-blockers"
          style={{ marginBottom: 16 }}
          title={t('hall.confirm.blocked')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {blockers.map((b, i) => (
                <li key={i}>
                  {b.text}{' '}
                  <Button type="link" size="small" onClick={() => onGoto(b.step)} style={{ padding: 0 }}>
                    {t('hall.confirm.goto', { step: stepName(b.step) })}
                  </Button>
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Title level={3} style={{ fontSize: '1.1em' }}>{t('hall.step.project')}</Typography.Title>
      <Descriptions column={1} size="small" bordered>
        {fields.map((f) => (
          <Descriptions.Item key={f.key} label={name(f.label, f.labelEn)}>
            {display(f, draft.project[f.key], name)}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Title level={3} style={{ fontSize: '1.1em', marginTop: 16 }}>{t('hall.step.materials')}</Typography.Title>
      <List
        size="small"
        bordered
        dataSource={materials}
        renderItem={(m) => {
          const file = draft.materials.find((x) => x.code === m.code);
          return (
            <List.Item>
              <div>
                <div>{m.name}</div>
                <Typography.Text type={file ? undefined : 'secondary'}>
                  {file ? `${file.name}（${formatSize(file.size)}）` : m.requirement === 'required' ? t('hall.confirm.missingRequired') : t('hall.confirm.notProvided')}
                </Typography.Text>
              </div>
            </List.Item>
          );
        }}
      />
      {draft.boundaryFileName && (
        <>
          <Typography.Title level={3} style={{ fontSize: '1.1em', marginTop: 16 }}>{t('hall.step.boundary')}</Typography.Title>
          <Typography.Paragraph>
            {draft.boundaryFileName}
            {draft.precheck && ` · ${t('hall.precheck.verdict')}：${name(draft.precheck.verdictName, draft.precheck.verdictNameEn)}`}
          </Typography.Paragraph>
        </>
      )}
    </>
  );
}
