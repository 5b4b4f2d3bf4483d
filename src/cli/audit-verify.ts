// npm run audit:verify — walks the audit log's hash chain and reports the first break.
// Exit code 0: intact; 1: broken; 2: could not run.
import { AuditLog } from '../core/audit/audit.ts';
import { loadConfig } from '../core/config.ts';
import { CryptoBox, loadSecretKey } from '../core/crypto.ts';
import { openDb } from '../core/db/index.ts';

if (process.argv.includes('--help')) {
  console.log('npm run audit:verify — verify the audit log hash chain (uses DATABASE_URL or DATA_DIR, and SECRET_KEY or DATA_DIR/secret.key)');
  process.exit(0);
}
try {
  const config = loadConfig();
  const db = await openDb(config);
  try {
    const log = new AuditLog(db, new CryptoBox(loadSecretKey(config.secretKey, config.dataDir)));
    const r = await log.verify();
    if (r.ok) console.log(`audit log intact: ${r.checked} records verified`);
    else console.log(`AUDIT LOG BROKEN at record ${r.brokenAt ?? '?'}: ${r.reason} (${r.checked} records verified before it)`);
    process.exitCode = r.ok ? 0 : 1;
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(`landgov: audit:verify could not run: ${(err as Error).message}`);
  process.exitCode = 2;
}
