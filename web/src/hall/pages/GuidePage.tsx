import { Card, Collapse, Descriptions, Flex, Grid, Space, Steps, Table, Tag, Typography } from 'antd';
import { FilePdfOutlined, FormOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { DepthTag, useLocalName } from '../bits.tsx';
import { TONE } from '../tone.ts';
import type { GuideDetail, GuideMaterial } from '../types.ts';
import { useHallApi } from '../useHallApi.ts';

function MaterialsTable({ materials }: { materials: GuideMaterial[] }) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  return (
    <Table<GuideMaterial>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={materials}
      scroll={screens.md ? undefined : { x: 560 }}
      columns={[
        {
          title: t('hall.guide.material'),
          dataIndex: 'name',
          render: (_, m) => (
            <>
              <Typography.Text>{m.name}</Typography.Text>
              {m.condition && (
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                  {t('hall.guide.conditionOf', { condition: m.condition })}
                </Typography.Paragraph>
              )}
            </>
          ),
        },
        {
          title: t('hall.guide.requirement'),
          dataIndex: 'requirement',
          width: 96,
          render: (r: GuideMaterial['requirement']) => <Tag variant="solid" color={r === 'required' ? TONE.red : TONE.grey}>{t(`hall.requirement.${r}`)}</Tag>,
        },
        { title: t('hall.guide.form'), dataIndex: 'form', width: 110, render: (f: GuideMaterial['form'], m) => `${t(`hall.materialForm.${f}`)} × ${m.count}` },
        {
          title: t('hall.guide.downloads'),
          key: 'downloads',
          width: 150,
          render: (_, m) => (
            <Space size={4} wrap>
              {m.templateUrl && (
                <a href={m.templateUrl} download aria-label={t('hall.guide.templateOf', { name: m.name })}>
                  <FilePdfOutlined /> {t('hall.guide.template')}
                </a>
              )}
              {m.sampleUrl && (
                <a href={m.sampleUrl} download aria-label={t('hall.guide.sampleOf', { name: m.name })}>
                  <FilePdfOutlined /> {t('hall.guide.sample')}
                </a>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** 办事指南 of one item: everything an applicant must know before applying, and the way in. */
export function GuidePage() {
  const { code = '' } = useParams();
  const { t, lang } = useI18n();
  const name = useLocalName();
  const screens = Grid.useBreakpoint();
  const { data, error, loading, reload } = useHallApi<GuideDetail>(`/api/portal/guides/${encodeURIComponent(code)}`);
  if (loading && !data) return <Loading />;
  if (error || !data) return <ProblemAlert error={error} onRetry={reload} />;
  const g = data.guide;
  const apply = (
    <LinkButton type="primary" size="large" icon={<FormOutlined />} to={`/hall/apply/${encodeURIComponent(data.code)}`} data-testid="apply-online">
      {t('hall.guide.apply')}
    </LinkButton>
  );
  return (
    <>
      <PageHeading title={name(g.name, g.nameEn)} description={t('hall.guide.codeLine', { code: data.code, impl: g.implementationCode })} extra={apply} />
      <Space size={[4, 6]} wrap style={{ marginBottom: 16 }}>
        <DepthTag depth={g.onlineDepth} />
        <Tag>{t('hall.guide.visits', { n: g.maxVisits })}</Tag>
        <Tag>{g.kind}</Tag>
        <Tag>{g.handlingType}</Tag>
        {g.spatialReview.required && <Tag variant="solid" color={TONE.purple}>{t('hall.guide.spatialReview')}</Tag>}
      </Space>
      <Flex vertical gap={16}>
        <Card title={<Typography.Title level={2} style={{ fontSize: '1.15em', margin: 0 }}>{t('hall.guide.basics')}</Typography.Title>} size="small">
          <Descriptions column={screens.md ? 2 : 1} size="small" bordered>
            <Descriptions.Item label={t('hall.guide.legalDays')}>{t('hall.guide.workingDays', { n: g.legalDays })}</Descriptions.Item>
            <Descriptions.Item label={t('hall.guide.promisedDays')}>{t('hall.guide.workingDays', { n: g.promisedDays })}</Descriptions.Item>
            <Descriptions.Item label={t('hall.guide.onlineDepth')}><DepthTag depth={g.onlineDepth} /></Descriptions.Item>
            <Descriptions.Item label={t('hall.guide.maxVisits')}>{t('hall.guide.visits', { n: g.maxVisits })}</Descriptions.Item>
            <Descriptions.Item label={t('hall.guide.fees')}>{g.fees.charged ? g.fees.description : t('hall.guide.free')}</Descriptions.Item>
            <Descriptions.Item label={t('hall.guide.result')}>{g.resultName}</Descriptions.Item>
            <Descriptions.Item label={t('hall.guide.agency')}>{g.implementingAgency.name}</Descriptions.Item>
            <Descriptions.Item label={t('hall.guide.place')}>{g.place}</Descriptions.Item>
            <Descriptions.Item label={t('hall.guide.hours')}>{g.officeHours}</Descriptions.Item>
            <Descriptions.Item label={t('hall.guide.phone')}>
              <a href={`tel:${g.enquiryPhone}`}>{g.enquiryPhone}</a>
            </Descriptions.Item>
            <Descriptions.Item label={t('hall.guide.complaint')}>
              <a href={`tel:${g.complaintPhone}`}>{g.complaintPhone}</a>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: '1.15em', margin: 0 }}>{t('hall.guide.conditions')}</Typography.Title>} size="small">
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {g.conditions.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ol>
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: '1.15em', margin: 0 }}>{t('hall.guide.materials')}</Typography.Title>} size="small">
          <MaterialsTable materials={data.materials} />
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: '1.15em', margin: 0 }}>{t('hall.guide.process')}</Typography.Title>} size="small">
          <Steps
            direction={screens.md ? 'horizontal' : 'vertical'}
            size="small"
            current={-1}
            items={data.steps.map((s) => ({
              title: name(s.name, s.nameEn),
              description: [name(s.department, s.departmentEn), s.timeLimitDays ? t('hall.guide.workingDays', { n: s.timeLimitDays }) : ''].filter(Boolean).join(' · '),
            }))}
          />
          {g.specialProcedures.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('hall.guide.special')}
              {g.specialProcedures.map((p) => t('hall.guide.specialItem', { name: p.name, days: p.maxDays })).join(lang === 'zh' ? '；' : '; ')}
            </Typography.Paragraph>
          )}
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: '1.15em', margin: 0 }}>{t('hall.guide.legalBasis')}</Typography.Title>} size="small">
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {g.legalBasis.map((b, i) => (
              <li key={i}>{b}</li>
            ))}
          </ul>
        </Card>
        {data.faq.length > 0 && (
          <Card title={<Typography.Title level={2} style={{ fontSize: '1.15em', margin: 0 }}>{t('hall.guide.faq')}</Typography.Title>} size="small">
            <Collapse
              items={data.faq.map((f, i) => ({
                key: String(i),
                label: name(f.q, f.qEn),
                children: <Typography.Paragraph style={{ margin: 0 }}>{name(f.a, f.aEn)}</Typography.Paragraph>,
              }))}
            />
          </Card>
        )}
      </Flex>
    </>
  );
}
