import { ConfigError, loadConfig, redactedConfig } from './core/config.ts';
import { DataDirLockedError } from './core/db/pglite.ts';
import { MigrationError } from './core/db/migrate.ts';
import { startServer } from './server.ts';

function fail(message: string): never {
  process.stderr.write(`landgov: ${message}\n`);
  process.exit(1);
}

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(`configuration error: ${err.problems.join('; ')}`);
  throw err;
}

try {
  const running = await startServer(config);
  running.app.log.info({ config: redactedConfig(config) }, `landgov listening on http://${config.host}:${config.port} (${running.ctx.db.kind})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.app.log.info(`${signal}: shutting down`);
    const force = setTimeout(() => fail('shutdown took longer than 20 s; exiting'), 20_000);
    force.unref();
    running.close().then(
      () => process.exit(0),
      (err) => fail(`shutdown failed: ${(err as Error).message}`),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (err) {
  if (err instanceof DataDirLockedError || err instanceof MigrationError) fail(err.message);
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') fail(`port ${config.port} is in use (set PORT to another port)`);
  if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') fail(`cannot reach the database at DATABASE_URL: ${(err as Error).message}`);
  throw err;
}
