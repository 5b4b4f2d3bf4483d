import { Type, type Static } from '@sinclair/typebox';

// Free text is kept verbatim (HTML included) and always returned as a JSON string.
const Name = Type.String({ minLength: 1, maxLength: 100, description: 'name as written; stored as text, never interpreted' });
const Phone = Type.String({ minLength: 1, maxLength: 20, description: 'mainland mobile number, 11 digits' });
const Email = Type.String({ maxLength: 254, pattern: '^[^\\s@<>"]+@[^\\s@<>"]+\\.[^\\s@<>"]+$' });
const Password = Type.String({ minLength: 1, maxLength: 256 });
const SmsCode = Type.String({ pattern: '^[0-9]{6}$', description: '6-digit code from the SMS' });

export const RegisterPersonBody = Type.Object(
  {
    name: Name,
    idNumber: Type.String({ minLength: 1, maxLength: 32, description: '18-character resident ID number (GB 11643)' }),
    phone: Phone,
    smsCode: SmsCode,
    password: Password,
    email: Type.Optional(Email),
  },
  { additionalProperties: false },
);
export type RegisterPersonBody = Static<typeof RegisterPersonBody>;

export const RegisterOrganisationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    uscc: Type.String({ minLength: 1, maxLength: 32, description: '18-character unified social credit code (GB 32100)' }),
    phone: Type.Optional(Phone),
    email: Type.Optional(Email),
  },
  { additionalProperties: false },
);

export const SmsCodeBody = Type.Object({ phone: Phone, purpose: Type.Union([Type.Literal('login'), Type.Literal('register')]) }, { additionalProperties: false });
export const SmsCodeSent = Type.Object({ expiresInSeconds: Type.Integer(), resendAfterSeconds: Type.Integer() });

export const PasswordLoginBody = Type.Object(
  { account: Type.String({ minLength: 1, maxLength: 32, description: 'resident ID number or mobile number' }), password: Password },
  { additionalProperties: false },
);
export const SmsLoginBody = Type.Object({ phone: Phone, code: SmsCode }, { additionalProperties: false });

export const ActAsBody = Type.Object({ organisationId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]) }, { additionalProperties: false });

export const GrantAgentBody = Type.Object(
  {
    idNumber: Type.String({ minLength: 1, maxLength: 32 }),
    role: Type.Union([Type.Literal('admin'), Type.Literal('agent')]),
    validTo: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const OrgParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const AccountView = {
  id: Type.String(),
  kind: Type.Union([Type.Literal('person'), Type.Literal('organisation')]),
  name: Type.String(),
  idNumberMasked: Type.String({ description: 'e.g. 4304**********1234' }),
  phoneMasked: Type.Union([Type.String({ description: 'e.g. 138****5678' }), Type.Null()]),
  emailMasked: Type.Union([Type.String({ description: 'the address given at registration, masked: z***@example.com' }), Type.Null()]),
};

export const Me = Type.Object({
  ...AccountView,
  hasPassword: Type.Boolean(),
  linkedToIdentityService: Type.Boolean(),
  signInMethod: Type.String(),
  lastLogin: Type.Union([Type.Object({ at: Type.String(), ip: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  actingFor: Type.Union([Type.Object({ ...AccountView, role: Type.String() }), Type.Null()]),
  organisations: Type.Array(Type.Object({ ...AccountView, role: Type.String(), validTo: Type.Union([Type.String(), Type.Null()]) })),
});

export const Agents = Type.Array(
  Type.Object({
    personId: Type.String(),
    name: Type.String(),
    idNumberMasked: Type.String(),
    role: Type.String(),
    validFrom: Type.String(),
    validTo: Type.Union([Type.String(), Type.Null()]),
    current: Type.Boolean(),
  }),
);
