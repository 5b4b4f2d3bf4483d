import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import '../../src/app.ts';
import { defineErrors, errorCatalogue } from '../../src/core/errors.ts';

describe('error catalogue', () => {
  it('has UPPER_SNAKE codes with a 4xx/5xx status and a Chinese and an English message', () => {
    assert.ok(errorCatalogue().size > 20);
    for (const [code, spec] of errorCatalogue()) {
      assert.match(code, /^[A-Z][A-Z0-9_]+$/, code);
      assert.ok(spec.status >= 400 && spec.status < 600, code);
      assert.match(spec.zh, /[\u4e00-\u9fff]/, `${code} needs a Chinese message`);
      assert.match(spec.en, /^[A-Z]/, `${code} needs an English message`);
    }
  });
  it('refuses a code defined twice', () => {
    assert.throws(() => defineErrors({ NOT_FOUND: { status: 404, zh: '重复', en: 'Duplicate' } }), /defined twice/);
  });
});
