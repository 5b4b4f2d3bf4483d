// npm run migrate — applies pending migrations and exits.
import { loadConfig } from '../core/config.ts';
import { openDb } from '../core/db/index.ts';
import { migrate } from '../core/db/migrate.ts';

try {
  const db = await openDb(loadConfig());
  try {
    const { applied } = await migrate(db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(`landgov: migrate failed: ${(err as Error).message}`);
  process.exitCode = 1;
}
