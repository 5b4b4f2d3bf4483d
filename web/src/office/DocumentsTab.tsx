import { Button, Card, Descriptions, Empty, Flex, List, Typography } from 'antd';
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/LangContext.ts';
import type { CaseDetail } from './types.ts';
import { usePrintCard } from './usePrintCard.tsx';

/** Certificate numbers served as PDF by the documents module (/api/certificates/{number}.pdf). */
const DOCUMENT_CERT = /^[0-9]{10}[A-Z]{2,8}[0-9]{5}$/;

type NoticeKind = 'acceptance' | 'rejection' | 'supplement' | 'approval' | 'denial';

/**
 * 文书: the notices of the case (受理 / 不予受理 / 补正告知, 准予 / 不予许可决定) with their PDFs and a
 * print of the card, and the certificate with its PDF and public verification page.
 */
export function DocumentsTab({ c }: { c: CaseDetail }) {
  const { t, time } = useI18n();
  const printer = usePrintCard();
  const printButton = (id: string) => (
    <Button size="small" icon={<PrinterOutlined />} onClick={() => printer.print(id)}>
      {t('office.docs.print')}
    </Button>
  );
  /** The notice as PDF, rendered by the documents service from the case (GET /api/cases/:id/notices/:kind.pdf). */
  const pdfLink = (kind: NoticeKind) => (
    <a href={`/api/cases/${c.id}/notices/${kind}.pdf`} target="_blank" rel="noreferrer" data-testid={`notice-pdf-${kind}`}>
      <FilePdfOutlined /> {t('office.docs.pdf')}
    </a>
  );
  const extra = (id: string, kind: NoticeKind) => (
    <Flex gap={12} align="center">
      {pdfLink(kind)}
      {printButton(id)}
    </Flex>
  );
  const decision = c.timeline.find((h) => h.action === 'approve' || h.action === 'reject');
  const accept = c.timeline.find((h) => h.action === 'accept');
  const refuse = c.timeline.find((h) => h.action === 'not_accept');
  const empty = !accept && !refuse && !decision && c.supplementNotices.length === 0 && !c.certificateNo;
  if (empty) return <Empty description={t('office.docs.none')} />;
  return (
    <Flex vertical gap={12}>
      {printer.style}
      {accept && (
        <Card size="small" title={t('office.docs.acceptNotice')} data-testid="doc-accept" extra={extra('accept', 'acceptance')} {...printer.mark('accept')}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'no', label: t('office.col.caseNo'), children: c.caseNo },
              { key: 'on', label: t('office.case.acceptedOn'), children: c.acceptedOn ?? time(accept.at) },
              { key: 'due', label: t('office.case.dueDate'), children: c.clock.dueDate ?? '' },
              { key: 'by', label: t('office.docs.by'), children: accept.actor ?? '' },
            ]}
          />
        </Card>
      )}
      {refuse && (
        <Card size="small" title={t('office.docs.refuseNotice')} extra={extra('refuse', 'rejection')} {...printer.mark('refuse')}>
          <Typography.Paragraph>{t('office.docs.reason', { text: refuse.comment ?? '' })}</Typography.Paragraph>
          <Typography.Text type="secondary">{time(refuse.at)}</Typography.Text>
        </Card>
      )}
      {c.supplementNotices.map((n) => (
        <Card key={n.id} size="small" title={t('office.docs.supplementNotice')} extra={extra(n.id, 'supplement')} {...printer.mark(n.id)}>
          <Typography.Paragraph type="secondary">{t('office.docs.issuedAt', { at: time(n.issuedAt) })}</Typography.Paragraph>
          <List
            size="small"
            dataSource={n.items}
            renderItem={(it) => (
              <List.Item>
                {it.name}：{it.problem}
              </List.Item>
            )}
          />
          <Typography.Text type="secondary">{n.answeredAt ? t('office.docs.answered', { at: time(n.answeredAt) }) : t('office.docs.unanswered')}</Typography.Text>
        </Card>
      ))}
      {decision && (
        <Card
          size="small"
          title={decision.action === 'approve' ? t('office.docs.approvalDecision') : t('office.docs.denialDecision')}
          extra={extra('decision', decision.action === 'approve' ? 'approval' : 'denial')}
          {...printer.mark('decision')}
        >
          <Typography.Paragraph>{t('office.docs.decidedBy', { name: decision.actor ?? '', at: time(decision.at) })}</Typography.Paragraph>
          {decision.comment && <Typography.Text>{t('office.flow.opinion', { text: decision.comment })}</Typography.Text>}
        </Card>
      )}
      {c.certificateNo && (
        <Card size="small" title={t('office.docs.certificate')} data-testid="doc-certificate">
          <Flex vertical gap={4}>
            <Typography.Text copyable>{c.certificateNo}</Typography.Text>
            {DOCUMENT_CERT.test(c.certificateNo) && (
              <Flex gap={12} wrap>
                <a href={`/api/certificates/${c.certificateNo}.pdf`} target="_blank" rel="noreferrer">
                  {t('office.docs.certificatePdf')}
                </a>
                <a href={`/verify/${c.certificateNo}`} target="_blank" rel="noreferrer">
                  {t('office.docs.verify')}
                </a>
              </Flex>
            )}
            {c.deliveredAt && <Typography.Text>{t('office.docs.delivered', { at: time(c.deliveredAt) })}</Typography.Text>}
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
