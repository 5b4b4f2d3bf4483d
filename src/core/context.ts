import path from 'node:path';
import { AuditLog } from './audit/audit.ts';
import { AuthService } from './auth/service.ts';
import { WorkCalendar } from './calendar/calendar.ts';
import type { Config } from './config.ts';
import { CryptoBox, loadSecretKey } from './crypto.ts';
import type { Db } from './db/index.ts';
import { FileStore } from './files/store.ts';
import { IamService } from './iam/service.ts';
import { Outbox } from './jobs/outbox.ts';
import { JobQueue } from './jobs/queue.ts';

/** The services every module may use, built once per process (or per test app). */
export interface AppContext {
  config: Config;
  db: Db;
  box: CryptoBox;
  audit: AuditLog;
  auth: AuthService;
  iam: IamService;
  calendar: WorkCalendar;
  files: FileStore;
  jobs: JobQueue;
  outbox: Outbox;
  /** The clock every rule reads (lockouts, idle timeouts, deadlines); tests move it. */
  now: () => Date;
}

export function createContext(config: Config, db: Db, opts: { now?: () => Date } = {}): AppContext {
  const now = opts.now ?? (() => new Date());
  const box = new CryptoBox(loadSecretKey(config.secretKey, config.dataDir));
  const audit = new AuditLog(db, box, now);
  return {
    config,
    db,
    box,
    audit,
    auth: new AuthService(db, config, box, audit, now),
    iam: new IamService(db, audit, now),
    calendar: new WorkCalendar(db, config.regionCode),
    files: new FileStore(path.join(config.dataDir, 'files'), config.uploadMaxBytes),
    jobs: new JobQueue(db, { now }),
    outbox: new Outbox(db),
    now,
  };
}
