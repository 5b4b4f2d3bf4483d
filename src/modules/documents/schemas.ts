import { Type, type Static } from '@sinclair/typebox';
import { CERTIFICATE_TYPE_CODES } from './certificates/types.ts';
import { NOTICE_KINDS } from './templates/notices.ts';

/** {year}{6-digit region}{type code}{5-digit serial}. */
export const CertificateNo = Type.String({ pattern: '^[0-9]{10}[A-Z]{2,8}[0-9]{5}$', maxLength: 40, description: '证照编号, e.g. 2026430422JSYDGH00001' });

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const Ring = Type.Array(Position, { minItems: 4, maxItems: 5000 });
export const BoundarySchema = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring, { minItems: 1, maxItems: 100 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring, { minItems: 1, maxItems: 100 }), { minItems: 1, maxItems: 100 }) }, { additionalProperties: false }),
], { description: 'GeoJSON Polygon or MultiPolygon in CGCS2000 longitude/latitude (EPSG:4490)' });

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const DetailRow = Type.Object({ label: Text(20), value: Text(500) }, { additionalProperties: false });

export const IssueBody = Type.Object({
  typeCode: Type.String({ minLength: 1, maxLength: 20, description: `one of ${CERTIFICATE_TYPE_CODES.join(', ')}` }),
  holder: Type.Object({
    name: Text(100),
    idType: Type.Union([Type.Literal('uscc'), Type.Literal('id_card'), Type.Literal('other')]),
    idNo: Type.String({ pattern: '^[0-9A-Za-z-]{4,30}$' }),
  }, { additionalProperties: false }),
  project: Type.Object({ name: Text(200), location: Text(200) }, { additionalProperties: false }),
  boundary: BoundarySchema,
  details: Type.Optional(Type.Array(DetailRow, { maxItems: 20 })),
  issuedOn: Type.Optional(Type.String({ format: 'date' })),
  caseNo: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 60 }), Type.Null()])),
}, { additionalProperties: false });
export type IssueBodyT = Static<typeof IssueBody>;

export const PublicCertificateSchema = Type.Object({
  certificateNo: Type.String(),
  typeCode: Type.String(),
  typeName: Type.String(),
  holder: Type.Object({ name: Type.String(), idType: Type.String(), idNo: Type.String({ description: 'personal ID numbers masked' }) }),
  project: Type.Object({ name: Type.String(), location: Type.String(), landAreaM2: Type.String() }),
  boundary: Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Any()) }),
  details: Type.Array(Type.Object({ label: Type.String(), value: Type.String() })),
  issuedOn: Type.String(),
  issuer: Type.String(),
  caseNo: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked')]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  revokedReason: Type.Union([Type.String(), Type.Null()]),
  signature: Type.Object({ algorithm: Type.Literal('SM2'), keyId: Type.String(), digest: Type.String(), value: Type.String() }),
});

export const VerificationSchema = Type.Object({
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('tampered')]),
  file: Type.Optional(Type.Object({ digestMatches: Type.Boolean(), signatureMatches: Type.Boolean() })),
  checks: Type.Object({ content: Type.Boolean(), signature: Type.Boolean(), statusRecord: Type.Boolean() }),
  verifiedAt: Type.String(),
  certificate: PublicCertificateSchema,
});

export const RevokeBody = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false });

export const PublicKeysSchema = Type.Object({
  algorithm: Type.Literal('SM2'),
  curve: Type.Literal('sm2p256v1'),
  hash: Type.Literal('SM3'),
  userId: Type.String(),
  signedData: Type.String(),
  keys: Type.Array(Type.Object({ keyId: Type.String(), publicKey: Type.String(), active: Type.Boolean(), createdAt: Type.String() })),
});

export const SampleFile = Type.String({ pattern: `^(${NOTICE_KINDS.join('|')})\\.pdf$`, description: 'e.g. acceptance.pdf' });
