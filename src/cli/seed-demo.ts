// npm run seed:demo — migrates and loads the demo county (idempotent).
import { ensureBuiltinRoles } from '../core/bootstrap.ts';
import { loadConfig } from '../core/config.ts';
import { openDb } from '../core/db/index.ts';
import { migrate } from '../core/db/migrate.ts';
import { createContext } from '../core/context.ts';
import { seedDemoCounty } from '../demo/county.ts';
import { seedDemo } from '../demo/seed.ts';
import { seedDemoApplicant } from '../demo/applicant.ts';

try {
  const config = loadConfig();
  const db = await openDb(config);
  try {
    await migrate(db);
    await ensureBuiltinRoles(db);
    const r = await seedDemo(db, config.regionCode, config.demoPassword);
    console.log(`demo data: ${r.towns} towns, ${r.villages} villages; accounts ${r.seeded ? 'created' : 'already present'}`);
    if (r.generatedPassword) console.log(`demo accounts' password (shown once): ${r.generatedPassword}`);
    const ctx = createContext(config, db);
    if (await seedDemoApplicant(ctx)) console.log('demo citizen for the online hall: 张三, ID 43042219900101123X / phone 13907341234 (demo password)');
    const loaded = await seedDemoCounty(ctx, config.regionCode, console.log);
    if (!loaded) console.log('spatial layers already present (or another region): left as they are');
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(`landgov: seed:demo failed: ${(err as Error).message}`);
  process.exitCode = 1;
}
