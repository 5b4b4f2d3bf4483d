import nodemailer from 'nodemailer';
import type { MailConfig } from '../../../core/config.ts';
import { EMAIL_PATTERN } from '../../../core/config.ts';
import { oneLine } from './texts.ts';

/** One e-mail to one applicant. */
export interface MailMessage {
  to: string;
  toName: string;
  subject: string;
  text: string;
}

/**
 * Sends e-mail to applicants. (The approval module's MailSender addresses staff by user id and
 * has no address, so applicants get their own interface.)
 */
export interface MailTransport {
  readonly name: string;
  send(m: MailMessage): Promise<void>;
}

/**
 * E-mail over SMTP with nodemailer. Header injection is refused twice: the address must be a
 * plain address (no line breaks, no display name), and names and subjects are cut to one line
 * before nodemailer encodes them (RFC 2047, UTF-8). The body is plain UTF-8 text, never HTML.
 */
export class SmtpMailTransport implements MailTransport {
  readonly name = 'smtp';
  private readonly transporter: nodemailer.Transporter;

  constructor(private readonly config: MailConfig) {
    const u = new URL(config.smtpUrl);
    const secure = u.protocol === 'smtps:';
    this.transporter = nodemailer.createTransport({
      host: u.hostname.replace(/^\[|\]$/g, ''),
      port: u.port ? Number(u.port) : secure ? 465 : 25,
      secure,
      ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
      // A relay that is down must fail the job quickly so that it is retried, not hang it.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(m: MailMessage): Promise<void> {
    if (!EMAIL_PATTERN.test(m.to) || m.to.length > 254) throw new Error('refusing to send to an address that is not a plain e-mail address');
    await this.transporter.sendMail({
      from: { name: oneLine(this.config.fromName, 100), address: this.config.from },
      to: { name: oneLine(m.toName, 100), address: m.to },
      subject: oneLine(m.subject, 200),
      text: m.text,
      textEncoding: 'base64',
      // Envelope exactly the one recipient, whatever the headers say.
      envelope: { from: this.config.from, to: [m.to] },
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  close(): void {
    this.transporter.close();
  }
}
