/**
 * The words of applicant notifications. Labels are those the hall's progress timeline shows for
 * the same history actions (approval/cases/applicant-views.ts), so a message and the timeline
 * entry it announces read alike; test/portal/notify.test.ts holds the two together.
 */

/** Case actions an applicant is told about, with the hall's label (zh) and its English. */
export const CASE_ACTION_LABELS: Record<string, { zh: string; en: string }> = {
  submit: { zh: '已申报', en: 'Submitted' },
  accept: { zh: '已受理', en: 'Accepted' },
  not_accept: { zh: '不予受理', en: 'Not accepted' },
  request_supplement: { zh: '需补正材料', en: 'Supplementary materials requested' },
  resubmit: { zh: '已补正', en: 'Supplementary materials submitted' },
  start_special: { zh: '进入特别程序', en: 'Special procedure started' },
  end_special: { zh: '特别程序结束', en: 'Special procedure ended' },
  extend: { zh: '延期办理', en: 'Time limit extended' },
  approve: { zh: '准予许可', en: 'Approved' },
  reject: { zh: '不予许可', en: 'Rejected' },
  certify: { zh: '已制证', en: 'Certificate issued' },
  deliver: { zh: '已送达', en: 'Delivered' },
  withdraw: { zh: '已撤回', en: 'Withdrawn' },
};

export const RECTIFICATION_REPLY_LABEL = { zh: '评价整改答复', en: 'Reply to your rating' };

/** Removes line breaks and other control characters: nothing typed by anyone may start a new header or line of an SMS. */
export function oneLine(s: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim().slice(0, max);
}

export interface CaseEventFacts {
  action: string;
  caseNo: string;
  itemName: string;
  payload: Record<string, unknown>;
  /** The case's current due date (for end_special and extend). */
  dueDate: string | null;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Title and body (zh) of the in-app message about a case event. */
export function caseMessage(f: CaseEventFacts): { title: string; body: string } {
  const label = CASE_ACTION_LABELS[f.action]!.zh;
  const title = `办件 ${f.caseNo} ${label}`;
  const intro = `您申请的「${f.itemName}」（办件编号 ${f.caseNo}）`;
  const p = f.payload;
  let body: string;
  switch (f.action) {
    case 'submit':
      body = `${intro}已申报，等待受理。`;
      break;
    case 'accept':
      body = `${intro}已受理${str(p.dueDate) ? `，承诺办结日期为 ${str(p.dueDate)}` : ''}。`;
      break;
    case 'not_accept':
      body = `${intro}不予受理。理由：${str(p.reason)}`;
      break;
    case 'request_supplement': {
      const items = Array.isArray(p.items) ? (p.items as { name?: unknown; problem?: unknown }[]) : [];
      const list = items.map((i, n) => `${n + 1}. ${str(i.name)}：${str(i.problem)}`).join('\n');
      body = `${intro}需补正材料，请登录网上办事大厅按补正告知书提交：\n${list}`;
      break;
    }
    case 'resubmit':
      body = `${intro}的补正材料已提交。`;
      break;
    case 'start_special':
      body = `${intro}进入特别程序${str(p.name) ? `（${str(p.name)}）` : ''}，特别程序期间不计入办理时限。`;
      break;
    case 'end_special':
      body = `${intro}特别程序结束，恢复计算办理时限${f.dueDate ? `，办结期限为 ${f.dueDate}` : ''}。`;
      break;
    case 'extend':
      body = `${intro}延期办理 ${typeof p.days === 'number' ? p.days : 10} 个工作日${f.dueDate ? `，办结期限为 ${f.dueDate}` : ''}。理由：${str(p.reason)}`;
      break;
    case 'approve':
      body = `${intro}已审批，准予许可。`;
      break;
    case 'reject':
      body = `${intro}不予许可。理由：${str(p.reason)}`;
      break;
    case 'certify':
      body = `${intro}已制证${str(p.certificateNo) ? `，证书编号 ${str(p.certificateNo)}` : ''}。`;
      break;
    case 'deliver':
      body = `${intro}的审批结果已送达。`;
      break;
    case 'withdraw':
      body = `${intro}已撤回。`;
      break;
    default:
      body = `${intro}${label}。`;
  }
  return { title, body: body.slice(0, 4000) };
}

/** Title and body (zh) of the message telling the applicant the department replied to a poor rating. */
export function rectificationMessage(caseNo: string, itemName: string, reply: string): { title: string; body: string } {
  return {
    title: `办件 ${caseNo} ${RECTIFICATION_REPLY_LABEL.zh}`,
    body: `您对「${itemName}」（办件编号 ${caseNo}）的评价已收到答复：\n${reply}`.slice(0, 4000),
  };
}

/** The SMS text: short, one line, with the case number and where to look. */
export function smsText(title: string, progressUrl: string | null): string {
  return `【自然资源网上办事大厅】${oneLine(title)}。${progressUrl ? `查看进度：${progressUrl}` : '详情请登录网上办事大厅查看。'}`;
}

/** The e-mail: subject on one line; plain UTF-8 text body with the progress link. */
export function emailText(title: string, body: string, progressUrl: string | null): { subject: string; text: string } {
  return {
    subject: `【网上办事大厅】${oneLine(title)}`,
    text: `${body}\n\n${progressUrl ? `查看办理进度：${progressUrl}\n\n` : ''}此邮件由系统自动发送，请勿回复。如需停止接收邮件通知，请登录网上办事大厅在“通知设置”中关闭。\n`,
  };
}
