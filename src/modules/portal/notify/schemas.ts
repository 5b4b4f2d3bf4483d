import { Type, type Static } from '@sinclair/typebox';

export const MessageParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const MessageQuery = Type.Object({
  unread: Type.Optional(Type.Boolean({ description: 'true: unread messages only' })),
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});

export const Message = Type.Object({
  id: Type.String(),
  caseId: Type.Union([Type.String(), Type.Null()]),
  caseNo: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String({ description: 'the case action (submit, accept, not_accept, request_supplement, resubmit, start_special, end_special, extend, approve, reject, certify, deliver, withdraw) or rectification_reply' }),
  title: Type.String(),
  body: Type.String(),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

export const MessageList = Type.Object({
  unread: Type.Integer({ description: 'unread messages of the account (whatever the filter)' }),
  total: Type.Integer({ description: 'messages matching the filter' }),
  items: Type.Array(Message),
});

export const NotificationSettings = Type.Object({
  email: Type.Union([Type.String({ maxLength: 254 }), Type.Null()], { description: 'GET: masked (z***@example.com); PUT: the plain address, null to remove; the masked value sent back keeps the stored address' }),
  channels: Type.Object({ sms: Type.Boolean(), email: Type.Boolean() }, { additionalProperties: false }),
}, { additionalProperties: false });
export type NotificationSettingsBody = Static<typeof NotificationSettings>;
