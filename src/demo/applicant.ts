import type { AppContext } from '../core/context.ts';
import { applicantsRepo } from '../modules/portal/accounts/repository.ts';
import { ApplicantAccounts } from '../modules/portal/accounts/service.ts';
import { NoSmsAdapter } from '../modules/portal/accounts/sms.ts';

/** The demo citizen of the online hall: signs in with the ID number or the phone and the demo accounts' password. */
export const DEMO_CITIZEN = { name: '张三', idNumber: '43042219900101123X', phone: '13907341234' } as const;

/**
 * Opens (or keeps) the demo citizen's account with the demo staff accounts' password hash, so one
 * password signs in everywhere; a changed DEMO_PASSWORD reaches the citizen on the next start.
 * Does nothing without demo staff accounts. Returns whether the account was created.
 */
export async function seedDemoApplicant(ctx: AppContext): Promise<boolean> {
  const { db, config } = ctx;
  const staff = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE region_code = $1 AND is_demo ORDER BY username LIMIT 1', [config.regionCode]);
  const hash = staff.rows[0]?.password_hash;
  if (!hash) return false;
  const accounts = new ApplicantAccounts(ctx, new NoSmsAdapter());
  const index = accounts.idNumberIndex('person', DEMO_CITIZEN.idNumber);
  return db.transaction(async (tx) => {
    const existing = await applicantsRepo.byIdNumber(tx, 'person', index);
    if (existing) {
      if (existing.password_hash !== hash) await tx.query('UPDATE applicants SET password_hash = $2 WHERE id = $1', [existing.id, hash]);
      return false;
    }
    await applicantsRepo.insert(tx, {
      regionCode: config.regionCode, kind: 'person', displayName: DEMO_CITIZEN.name,
      idNumberEnc: ctx.box.encrypt(DEMO_CITIZEN.idNumber), idNumberIndex: index,
      phoneEnc: ctx.box.encrypt(DEMO_CITIZEN.phone), phoneIndex: accounts.phoneIndex(DEMO_CITIZEN.phone),
      emailEnc: null, passwordHash: hash, now: ctx.now(),
    });
    return true;
  });
}
