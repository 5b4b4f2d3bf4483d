import { useEffect, useRef, useState } from 'react';
import { Button, Card, Col, Flex, Form, Input, Row, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { BpmnCanvas, type BpmnCanvasHandle } from './BpmnCanvas.tsx';
import { ProblemList } from './ProblemList.tsx';
import { ProcessVersions } from './ProcessVersions.tsx';
import type { ProcessDefinition } from './types.ts';
import { useBpmnXml } from './useBpmnXml.ts';
import { useItem, useProcess } from './useItem.ts';
import { usePermissions } from './usePermissions.ts';

/** One item's process definition (/office/processes/:code): drawn with bpmn-js, edited and saved by item administrators. */
export function ProcessPage() {
  const { code = '' } = useParams();
  const { t, lang } = useI18n();
  const perms = usePermissions();
  const canEdit = perms.has('item:manage');
  const { data: item } = useItem(code);
  const { data: current, reload: reloadCurrent } = useProcess(code);
  const [version, setVersion] = useState<number>();
  const [generation, setGeneration] = useState(0);
  const { xml, error } = useBpmnXml(code, version);
  const canvas = useRef<BpmnCanvasHandle>(null);
  const [form] = Form.useForm<{ name: string; reason: string }>();
  const save = useSubmit(async (v: { name: string; reason: string }) => {
    const out = await canvas.current!.xml();
    await api<ProcessDefinition>(`/api/service-items/${encodeURIComponent(code)}/process/bpmn`, { method: 'POST', body: { xml: out, name: v.name, reason: v.reason } });
    form.resetFields(['reason']);
    setVersion(undefined);
    setGeneration((g) => g + 1);
    reloadCurrent();
  });
  // The name of the current version is the default name of the next one.
  useEffect(() => {
    if (current?.name && !form.getFieldValue('name')) form.setFieldsValue({ name: current.name });
  }, [current?.name, form]);
  const itemName = item ? (lang === 'en' ? item.guide.nameEn : item.guide.name) : code;

  return (
    <>
      <Link to="/office/processes">
        <ArrowLeftOutlined /> {t('office.processes')}
      </Link>
      <PageHeading title={`${code} ${itemName}`} description={t('office.process.pageDesc')} />
      {error && <ProblemAlert error={error} />}
      <Row gutter={16}>
        <Col xs={24} lg={17}>
          <Card size="small" title={t('office.process.diagram')}>
            {xml ? <BpmnCanvas key={`${version ?? 'cur'}-${generation}`} ref={canvas} xml={xml} editable={canEdit} /> : !error && <Spin />}
          </Card>
          {canEdit && (
            <Card size="small" title={t('office.process.save')} style={{ marginTop: 16 }}>
              <Form
                form={form}
                layout="vertical"
                onFinish={(v) => void save.run(v)}
              >
                <Form.Item name="name" label={t('office.process.name')} rules={[{ required: true, min: 2, max: 100 }]}>
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item name="reason" label={t('office.process.reason')} rules={[{ required: true, min: 2, max: 500 }]}>
                  <Input maxLength={500} />
                </Form.Item>
                {save.error !== undefined && (
                  <>
                    <ProblemAlert error={save.error} />
                    <ProblemList error={save.error} />
                  </>
                )}
                <Flex gap={8}>
                  <Button type="primary" htmlType="submit" loading={save.pending}>
                    {t('office.process.saveButton')}
                  </Button>
                </Flex>
              </Form>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={7}>
          <Card size="small" title={t('office.process.versions')}>
            <ProcessVersions code={code} selected={version} onSelect={setVersion} generation={generation} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
