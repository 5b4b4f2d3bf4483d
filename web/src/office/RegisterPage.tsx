import { useMemo, useState } from 'react';
import { Button, Card, Flex, Form, Radio, Select, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { ApplicantFields } from './ApplicantFields.tsx';
import { BoundaryReview } from './BoundaryReview.tsx';
import { MaterialChecklist, type MaterialTick } from './MaterialChecklist.tsx';
import { ProjectFields } from './ProjectFields.tsx';
import type { CaseDetail, ReviewReport } from './types.ts';
import { useServiceItems } from './useServiceItems.ts';

interface RegisterForm {
  channel: 'window' | 'online';
  applicant: Record<string, string | undefined>;
  project: Record<string, unknown>;
}

/** 一窗受理 登记 (/office/register): an application received at the counter or from the online hall. */
export function RegisterPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { items, error: itemsError } = useServiceItems();
  const [itemCode, setItemCode] = useState<string>();
  const [ticks, setTicks] = useState<Record<string, MaterialTick>>({});
  const [report, setReport] = useState<ReviewReport>();
  const [form] = Form.useForm<RegisterForm>();
  const item = useMemo(() => items?.find((i) => i.code === itemCode), [items, itemCode]);

  const submit = useSubmit(async (values: RegisterForm) => {
    if (!item) return;
    const applicant = Object.fromEntries(Object.entries(values.applicant).filter(([, v]) => v !== undefined && v !== ''));
    const project = Object.fromEntries(Object.entries(values.project ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    const materials = item.guide.materials
      .filter((m) => ticks[m.code]?.checked)
      .map((m) => ({ code: m.code, fileId: ticks[m.code]?.fileId ?? null, note: ticks[m.code]?.fileId ? '' : t('office.material.paperNote') }));
    const created = await api<CaseDetail>('/api/cases', {
      method: 'POST',
      // The reviewed boundary goes with the case (the certificate carries it).
      body: { itemCode: item.code, channel: values.channel, applicant, project, materials, ...(report ? { boundary: report.boundary.geometry } : {}) },
    });
    if (report) await api(`/api/cases/${created.id}/review-report`, { method: 'PUT', body: { reportId: report.id } });
    navigate(`/office/cases/${created.id}`);
  });

  return (
    <>
      <PageHeading title={t('office.register.title')} description={t('office.register.desc')} />
      {itemsError && <ProblemAlert error={itemsError} />}
      <Form<RegisterForm> form={form} layout="vertical" onFinish={(v) => void submit.run(v)} initialValues={{ channel: 'window' }}>
        <Flex vertical gap={16}>
          <Card title={t('office.register.item')} size="small">
            <Form.Item label={t('office.register.itemLabel')} required>
              <Select
                showSearch
                optionFilterProp="label"
                aria-label={t('office.register.itemLabel')}
                placeholder={t('office.register.itemPlaceholder')}
                value={itemCode}
                onChange={(code: string) => {
                  setItemCode(code);
                  setTicks({});
                  setReport(undefined);
                }}
                options={(items ?? []).filter((i) => i.active).map((i) => ({ value: i.code, label: `${i.code} ${lang === 'en' ? i.guide.nameEn : i.guide.name}` }))}
              />
            </Form.Item>
            <Form.Item name="channel" label={t('office.register.channel')}>
              <Radio.Group
                options={[
                  { value: 'window', label: t('office.channel.window') },
                  { value: 'online', label: t('office.channel.online') },
                ]}
              />
            </Form.Item>
            {item && (
              <Typography.Text type="secondary">
                {t('office.register.limits', { legal: item.guide.legalDays, promised: item.guide.promisedDays })}
              </Typography.Text>
            )}
          </Card>
          {item && (
            <>
              <Card title={t('office.register.applicant')} size="small">
                <ApplicantFields />
              </Card>
              <Card title={t('office.register.project')} size="small">
                <ProjectFields fields={item.guide.formSchema.fields} />
              </Card>
              <Card title={t('office.register.materials')} size="small">
                <MaterialChecklist
                  materials={item.guide.materials}
                  value={ticks}
                  onChange={(code, tick) => setTicks((prev) => ({ ...prev, [code]: tick }))}
                />
              </Card>
              {item.guide.spatialReview.required && (
                <Card title={t('office.register.boundary')} size="small">
                  <BoundaryReview itemCode={item.code} report={report} onReport={setReport} />
                </Card>
              )}
              {submit.error !== undefined && <ProblemAlert error={submit.error} />}
              <Flex gap={8}>
                <Button type="primary" htmlType="submit" loading={submit.pending}>
                  {t('office.register.submit')}
                </Button>
                <Button onClick={() => navigate('/office')}>{t('common.cancel')}</Button>
              </Flex>
            </>
          )}
        </Flex>
      </Form>
    </>
  );
}
