import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idNumberCheckChar, idNumberProblem, isMobile, maskIdNumber, maskPhone, usccCheckChar, usccProblem } from '../../src/modules/portal/accounts/validators.ts';

const TODAY = new Date('2026-11-30T00:00:00Z');

describe('GB 11643 resident ID numbers', () => {
  it('accepts the standard’s own example and real-shaped numbers from this county', () => {
    assert.equal(idNumberProblem('11010519491231002X', TODAY), null);
    for (const first17 of ['43042219900307123', '43040519851120004', '43042220000229008']) {
      assert.equal(idNumberProblem(first17 + idNumberCheckChar(first17), TODAY), null, first17);
    }
  });
  it('refuses every wrong check character', () => {
    const first17 = '43042219900307123';
    const right = idNumberCheckChar(first17);
    for (const c of '0123456789X') {
      if (c === right) continue;
      assert.equal(idNumberProblem(first17 + c, TODAY), 'check_digit', c);
    }
  });
  it('refuses a single changed digit (the check character then no longer fits)', () => {
    const good = '11010519491231002X';
    for (let i = 0; i < 17; i++) {
      const d = good[i] === '9' ? '0' : String(Number(good[i]) + 1);
      const bad = good.slice(0, i) + d + good.slice(i + 1);
      assert.notEqual(idNumberProblem(bad, TODAY), null, bad);
    }
  });
  it('refuses bad shapes, region prefixes and birth dates', () => {
    const withCheck = (s: string) => s + idNumberCheckChar(s);
    assert.equal(idNumberProblem('43042219900307123', TODAY), 'shape');
    assert.equal(idNumberProblem('4304221990030712x', TODAY), 'shape', 'lower-case x is normalised before, not here');
    assert.equal(idNumberProblem('43042219900307123Y', TODAY), 'shape');
    assert.equal(idNumberProblem(withCheck('09042219900307123'), TODAY), 'region');
    assert.equal(idNumberProblem(withCheck('43000019900307123'), TODAY), 'region');
    assert.equal(idNumberProblem(withCheck('43042219900230123'), TODAY), 'birth_date');
    assert.equal(idNumberProblem(withCheck('43042219011301123'), TODAY), 'birth_date');
    assert.equal(idNumberProblem(withCheck('43042220270101123'), TODAY), 'birth_date', 'born in the future');
    assert.equal(idNumberProblem(withCheck('43042218991231123'), TODAY), 'birth_date');
  });
});

describe('GB 32100 unified social credit codes', () => {
  it('accepts a published example and real-shaped codes', () => {
    assert.equal(usccProblem('91350100M000100Y43'), null);
    for (const first17 of ['91430422MA4L3C2X5', '12430422006158922', '52430422MJJ97811X']) {
      assert.equal(usccProblem(first17 + usccCheckChar(first17)), null, first17);
    }
  });
  it('refuses every wrong check character', () => {
    const first17 = '91430422MA4L3C2X5';
    const right = usccCheckChar(first17);
    let tried = 0;
    for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
      if (c === right) continue;
      assert.equal(usccProblem(first17 + c), 'check_digit', c);
      tried++;
    }
    assert.equal(tried, 30);
  });
  it('computes check 0 where 31 − (Σ mod 31) is 31', () => {
    // Search a code whose sum is divisible by 31: its check character must be 0.
    for (let n = 0; n < 10_000; n++) {
      const first17 = `91430422MA${String(n).padStart(7, '0')}`;
      if (usccCheckChar(first17) === '0') {
        assert.equal(usccProblem(first17 + '0'), null);
        return;
      }
    }
    assert.fail('no code with check 0 found');
  });
  it('refuses I, O, Z, S, V, a wrong length and a bad registration-authority code', () => {
    for (const c of 'IOZSV') assert.equal(usccProblem(`91430422MA4L3C2X${c}0`), 'shape', c);
    assert.equal(usccProblem('91430422MA4L3C2X'), 'shape');
    const first17 = '0143042200615892A';
    assert.equal(usccProblem(first17 + usccCheckChar(first17)), 'shape');
  });
});

describe('mobile numbers and masking', () => {
  it('knows a mainland mobile number', () => {
    assert.equal(isMobile('13812345678'), true);
    assert.equal(isMobile('12812345678'), false);
    assert.equal(isMobile('1381234567'), false);
    assert.equal(isMobile('+8613812345678'), false);
  });
  it('masks as 4304**********1234 and 138****5678', () => {
    assert.equal(maskIdNumber('430422199001011234'), '4304**********1234');
    assert.equal(maskIdNumber('91350100M000100Y43'), '9135**********0Y43');
    assert.equal(maskPhone('13812345678'), '138****5678');
  });
});
