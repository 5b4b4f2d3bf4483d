import { Button, Card, Descriptions, Flex, Layout, Result, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, StopFilled } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { useApi } from '../api/useApi.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { verifyText, type VerifyKey } from './texts.ts';

/** GET /api/certificates/{number}/verify, as the server sends it. */
export interface Verification {
  status: 'valid' | 'revoked' | 'tampered';
  checks: { content: boolean; signature: boolean; statusRecord: boolean };
  verifiedAt: string;
  certificate: {
    certificateNo: string;
    typeName: string;
    holder: { name: string; idType: string; idNo: string };
    project: { name: string; location: string; landAreaM2: string };
    details: { label: string; value: string }[];
    issuedOn: string;
    issuer: string;
    caseNo: string | null;
    revokedAt: string | null;
    revokedReason: string | null;
    signature: { algorithm: string; keyId: string; digest: string };
  };
}

const BADGE = {
  valid: { color: '#389e0d', icon: <CheckCircleFilled />, status: 'success' as const },
  revoked: { color: '#d48806', icon: <StopFilled />, status: 'warning' as const },
  tampered: { color: '#cf1322', icon: <CloseCircleFilled />, status: 'error' as const },
};

/** Public page behind the QR code on a certificate: /verify/{number}. Needs no sign-in. */
export function VerifyPage() {
  const { number = '' } = useParams();
  const { lang, time } = useI18n();
  const v = (key: VerifyKey, vars?: Record<string, string>) => verifyText(lang, key, vars);
  const { data, error, loading, reload } = useApi<Verification>(`/api/certificates/${encodeURIComponent(number)}/verify`);

  let body;
  if (loading) body = <Loading />;
  else if (error?.status === 404 || error?.status === 400) body = <Result status="404" title={v('notFound')} subTitle={v('notFoundSub', { number })} />;
  else if (error || !data) body = <ProblemAlert error={error} onRetry={reload} />;
  else {
    const c = data.certificate;
    const badge = BADGE[data.status];
    const m2 = Number(c.project.landAreaM2);
    const items = [
      { key: 'type', label: v('type'), children: c.typeName },
      { key: 'number', label: v('number'), children: <Typography.Text copyable>{c.certificateNo}</Typography.Text> },
      { key: 'holder', label: v('holder'), children: c.holder.name },
      { key: 'idNo', label: v('idNo'), children: c.holder.idNo },
      { key: 'project', label: v('project'), children: c.project.name },
      { key: 'location', label: v('location'), children: c.project.location },
      { key: 'area', label: v('area'), children: v('areaValue', { m2: m2.toLocaleString('zh-CN', { minimumFractionDigits: 2 }), ha: (m2 / 10000).toFixed(4) }) },
      ...c.details.map((d, i) => ({ key: `d${i}`, label: d.label, children: d.value })),
      { key: 'issuer', label: v('issuer'), children: c.issuer },
      { key: 'issuedOn', label: v('issuedOn'), children: c.issuedOn },
      ...(c.caseNo ? [{ key: 'caseNo', label: v('caseNo'), children: c.caseNo }] : []),
      ...(c.revokedAt ? [{ key: 'revokedAt', label: v('revokedAt'), children: time(c.revokedAt) }, { key: 'revokedReason', label: v('revokedReason'), children: c.revokedReason }] : []),
      { key: 'signature', label: v('signature'), children: v('signatureValue', { keyId: c.signature.keyId }) },
      { key: 'digest', label: v('digest'), children: <Typography.Text code style={{ wordBreak: 'break-all' }}>{c.signature.digest}</Typography.Text> },
      {
        key: 'checks',
        label: v('checks'),
        children: (
          <Flex gap={4} wrap>
            {(['content', 'signature', 'statusRecord'] as const).map((k) => (
              <Tag key={k} color={data.checks[k] ? 'success' : 'error'}>
                {v(k === 'content' ? 'checkContent' : k === 'signature' ? 'checkSignature' : 'checkStatus')}：{data.checks[k] ? v('pass') : v('fail')}
              </Tag>
            ))}
          </Flex>
        ),
      },
      { key: 'verifiedAt', label: v('verifiedAt'), children: time(data.verifiedAt) },
    ];
    body = (
      <Flex vertical gap={16}>
        <Card>
          <Result
            status={badge.status}
            icon={<span style={{ color: badge.color, fontSize: 72 }}>{badge.icon}</span>}
            title={
              <span data-testid="verify-status" style={{ color: badge.color, fontSize: 36, fontWeight: 700 }}>
                {v(data.status)}
              </span>
            }
            subTitle={v(`${data.status}Sub` as VerifyKey)}
            extra={
              // A tampered certificate is not offered for download: the file would look genuine.
              data.status !== 'tampered' && (
                <Button type="primary" icon={<DownloadOutlined />} href={`/api/certificates/${encodeURIComponent(c.certificateNo)}.pdf`} target="_blank" rel="noopener">
                  {v('download')}
                </Button>
              )
            }
          />
        </Card>
        <Card>
          <Descriptions column={{ xs: 1, sm: 1, md: 2 }} bordered size="middle" items={items} />
        </Card>
      </Flex>
    );
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#003a8c', height: 'auto', lineHeight: 1.4, padding: '12px 24px' }}>
        <Flex align="center" justify="space-between" gap={12} wrap>
          <Typography.Text strong style={{ color: '#fff', fontSize: 17 }}>
            {v('title')}
          </Typography.Text>
          <LanguageSwitch />
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '24px 16px', maxWidth: 1080, width: '100%', margin: '0 auto' }}>
        <PageHeading title={v('title')} description={v('desc')} />
        <main>{body}</main>
      </Layout.Content>
    </Layout>
  );
}
