import { defineErrors } from '../../../core/errors.ts';

/** Errors of applicant messages and notification settings. */
export const NotifyErrors = defineErrors({
  MESSAGE_NOT_FOUND: { status: 404, zh: '消息不存在', en: 'No such message' },
  NOTIFY_EMAIL_INVALID: { status: 422, zh: '电子邮箱地址格式不正确', en: 'The e-mail address is not valid' },
  NOTIFY_EMAIL_REQUIRED: { status: 422, zh: '开启邮件通知需要填写电子邮箱地址', en: 'E-mail notifications need an e-mail address' },
});
