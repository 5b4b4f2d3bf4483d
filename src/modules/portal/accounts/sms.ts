import { maskPhone } from './validators.ts';

/** Sends text messages to mobile numbers (a provincial SMS gateway in production). */
export interface SmsAdapter {
  readonly name: string;
  send(phone: string, text: string): Promise<void>;
}

export interface SentSms {
  phone: string;
  text: string;
  at: Date;
}

/**
 * Development adapter: writes each message, code included, to the log instead of sending it.
 * The configuration refuses it in production (NODE_ENV=production). Keeps the last 50 messages
 * in memory so a developer (and the test suite) can read them back.
 */
export class LogSmsAdapter implements SmsAdapter {
  readonly name = 'log';
  readonly sent: SentSms[] = [];
  constructor(private readonly write: (line: Record<string, unknown>, msg: string) => void) {}

  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text, at: new Date() });
    if (this.sent.length > 50) this.sent.shift();
    // The number is masked in the log; the text (with the code) is what a developer needs.
    this.write({ sms: { phone: maskPhone(phone), text } }, 'development SMS adapter: message not sent, logged instead');
  }

  /** The last message sent to a phone number. */
  lastTo(phone: string): SentSms | undefined {
    for (let i = this.sent.length - 1; i >= 0; i--) if (this.sent[i]!.phone === phone) return this.sent[i];
    return undefined;
  }
}

/** No SMS service: sign-in and registration by SMS code are unavailable. */
export class NoSmsAdapter implements SmsAdapter {
  readonly name = 'none';
  async send(): Promise<void> {
    throw new Error('no SMS adapter configured');
  }
}
