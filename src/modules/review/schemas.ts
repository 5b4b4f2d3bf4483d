import { Type } from '@sinclair/typebox';
import { RulesSchema, VERDICTS } from './rules/types.ts';

export const ItemCode = Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,19}$', description: 'service item code (YDYS, JSYDGH, JSGCGH, XCJSGH, LSYD, CKQDJ, GHHS …)' });
export const CaseId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export const VerdictSchema = Type.Union(VERDICTS.map((v) => Type.Literal(v)));

const GeoPolygon = Type.Object({
  type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
  coordinates: Type.Array(Type.Any(), { minItems: 1 }),
}, { description: 'GeoJSON geometry in EPSG:4490 (longitude, latitude)' });

export const ReviewJsonBody = Type.Object({
  itemCode: ItemCode,
  geometry: GeoPolygon,
  caseId: Type.Optional(CaseId),
}, { additionalProperties: false });

export const ReviewMultipartBody = Type.Object({
  file: Type.String({ format: 'binary', description: 'boundary file: 界址点坐标 TXT (GBK/UTF-8), zipped Shapefile, GeoJSON or DXF' }),
  itemCode: ItemCode,
  caseId: Type.Optional(CaseId),
  dxfLayer: Type.Optional(Type.String({ maxLength: 100, description: 'DXF layer holding the boundary (default: the only layer with closed polylines, or one named like 红线/用地红线/HX)' })),
  zone: Type.Optional(Type.Integer({ minimum: 13, maximum: 45, description: 'Gauss-Krüger zone (带号) for coordinates without the zone prefix' })),
});

export const ReportId = Type.Object({ id: Type.String({ maxLength: 60 }) });

export const OverrideBody = Type.Object({
  ruleId: Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,39}$' }),
  verdict: VerdictSchema,
  reason: Type.String({ maxLength: 2000, description: 'written reason (at least 10 characters)' }),
}, { additionalProperties: false });

export const RerunBody = Type.Object({
  pinVersions: Type.Boolean({ default: false, description: 'true: the same layer versions as the report (identical numbers); false: the current versions (with a diff)' }),
}, { additionalProperties: false });

export const RuleSetBody = Type.Object({
  rules: RulesSchema,
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
