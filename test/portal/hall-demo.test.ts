import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../helpers/app.ts';
import { testDbs } from '../helpers/db.ts';
import { DEMO_CITIZEN, seedDemoApplicant } from '../../src/demo/applicant.ts';

const DEMO_PASSWORD = 'Demo#2026hall';

for (const kind of testDbs) {
  describe(`the online hall's demo citizen on ${kind.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(await kind.get());
    });
    after(() => t.close());

    it('is opened once with the demo staff password and signs in to the hall by ID number or phone', async () => {
      assert.equal(await seedDemoApplicant(t.ctx), false, 'nothing without demo staff accounts');
      // A demo staff account of the region, as seedDemo() makes them.
      const clerk = await t.user(['window_clerk'], { password: DEMO_PASSWORD });
      await t.db.query('UPDATE users SET is_demo = true WHERE id = $1', [clerk.id]);
      assert.equal(await seedDemoApplicant(t.ctx), true);
      assert.equal(await seedDemoApplicant(t.ctx), false, 'idempotent');
      for (const account of [DEMO_CITIZEN.idNumber, DEMO_CITIZEN.phone]) {
        const res = await t.app.inject({ method: 'POST', url: '/api/portal/auth/login', payload: { account, password: DEMO_PASSWORD } });
        assert.equal(res.statusCode, 200, res.body);
      }
      const raw = await t.db.query<{ id_number_enc: string }>(`SELECT id_number_enc FROM applicants WHERE display_name = '张三' AND region_code = $1`, [t.region]);
      assert.ok(!raw.rows[0]!.id_number_enc.includes(DEMO_CITIZEN.idNumber), 'encrypted at rest');
    });
  });
}
