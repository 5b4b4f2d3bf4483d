import assert from 'node:assert/strict';
import { AppError } from '../../../src/core/errors.ts';

/** Asserts that fn throws an AppError with this code (and a detail matching `detail`); returns it. */
export function throwsCode(fn: () => unknown, code: string, detail?: RegExp): AppError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  return checkError(caught, code, detail);
}

export async function rejectsCode(p: Promise<unknown> | (() => Promise<unknown>), code: string, detail?: RegExp): Promise<AppError> {
  let caught: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    caught = e;
  }
  return checkError(caught, code, detail);
}

function checkError(caught: unknown, code: string, detail?: RegExp): AppError {
  assert.ok(caught, `expected an error ${code}, nothing was thrown`);
  assert.ok(caught instanceof AppError, `expected AppError ${code}, got ${String((caught as Error)?.stack ?? caught)}`);
  assert.equal(caught.code, code, `expected ${code}, got ${caught.code}: ${caught.message}`);
  if (detail) assert.match(caught.message, detail);
  return caught;
}

/** The constructed example of DOMAIN.md §1.6 (CGCS2000 3° zone 38, two parcels, one with a hole). */
export const EXAMPLE_TXT = [
  '[属性描述]',
  '格式版本号=1.01版本',
  '数据产生单位=衡南县自然资源局',
  '数据产生日期=2025-06-15',
  '坐标系=2000国家大地坐标系',
  '几度分带=3',
  '投影类型=高斯克吕格',
  '计量单位=米',
  '带号=38',
  '精度=0.001',
  '转换参数=,,,,,,',
  '[地块坐标]',
  '10,0.7600,1,地块1,面,,工业用地,1001,@',
  'J1,1,2966200.000,38370700.000',
  'J2,1,2966200.000,38370800.000',
  'J3,1,2966120.000,38370800.000',
  'J4,1,2966120.000,38370700.000',
  'J1,1,2966200.000,38370700.000',
  'J5,2,2966170.000,38370740.000',
  'J6,2,2966150.000,38370740.000',
  'J7,2,2966150.000,38370760.000',
  'J8,2,2966170.000,38370760.000',
  'J5,2,2966170.000,38370740.000',
  '5,0.2000,2,地块2,面,,工业用地,1001,@',
  'J1,1,2966300.000,38370900.000',
  'J2,1,2966300.000,38370950.000',
  'J3,1,2966260.000,38370950.000',
  'J4,1,2966260.000,38370900.000',
  'J1,1,2966300.000,38370900.000',
].join('\r\n') + '\r\n';

/** A boundary file with the example header and the given [地块坐标] lines. */
export function boundaryFile(parcelLines: string[], headerOverrides: Record<string, string | null> = {}): string {
  const header = EXAMPLE_TXT.split('\r\n').slice(1, 11).map((l) => l.split('=')[0]!).map((k) => {
    const orig = EXAMPLE_TXT.split('\r\n').find((l) => l.startsWith(`${k}=`))!;
    if (k in headerOverrides) return headerOverrides[k] === null ? null : `${k}=${headerOverrides[k]}`;
    return orig;
  });
  return ['[属性描述]', ...header.filter((l): l is string => l !== null), '[地块坐标]', ...parcelLines].join('\r\n') + '\r\n';
}
