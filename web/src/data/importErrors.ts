import type { DictKey } from '../i18n/translate.ts';

/** The codes the dictionary explains (keys `data.error.CODE`). */
type ErrorCodeOf<K> = K extends `data.error.${infer C}` ? C : never;

// Import failures reach the browser as the job's text ("CODE: detail"); these codes get a reason in the user's language.
const KNOWN = [
  'IMPORT_FORMAT_UNKNOWN',
  'IMPORT_ENCODING_UNKNOWN',
  'IMPORT_CRS_UNKNOWN',
  'IMPORT_CRS_NEEDS_ZONE',
  'IMPORT_CRS_LEGACY_DATUM',
  'IMPORT_ZIP_CORRUPT',
  'IMPORT_ZIP_UNSAFE_PATH',
  'IMPORT_ZIP_BOMB',
  'IMPORT_ZIP_NO_LAYER',
  'IMPORT_LAYER_MISSING',
  'IMPORT_SHP_MISSING_PART',
  'IMPORT_GEOJSON_INVALID',
  'IMPORT_EMPTY_GEOMETRY',
  'IMPORT_MIXED_GEOMETRY',
  'IMPORT_COORDINATES_OUT_OF_RANGE',
  'IMPORT_GEOMETRY_UNREPAIRABLE',
  'IMPORT_NO_FEATURES',
] as const satisfies readonly ErrorCodeOf<DictKey>[];

type KnownCode = (typeof KNOWN)[number];

function isKnown(code: string): code is KnownCode {
  return (KNOWN as readonly string[]).includes(code);
}

/** The dictionary key explaining an import error code, when there is one. */
export function importErrorKey(code: string | undefined): DictKey | undefined {
  return code && isKnown(code) ? `data.error.${code}` : undefined;
}
