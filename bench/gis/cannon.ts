// Child process of the spatial benchmark: runs autocannon against 127.0.0.1 so the load generator
// does not share the server's event loop. Reads a JSON job file (argv[2]), prints one JSON line.
// The 10 connections share ONE cursor over the path list, so with a list longer than the run every
// request asks for a different path (autocannon's own `requests` array would replay the same list
// on every connection).
import fs from 'node:fs';
import { createRequire } from 'node:module';

export interface CannonJob {
  url: string;
  paths: string[];
  connections: number;
  durationSec: number;
  timeoutSec: number;
}

export interface CannonResult {
  durationSec: number;
  requests: number;
  bytes: number;
  errors: number;
  timeouts: number;
  status: Record<string, number>;
  /** Per-response latencies in ms, as autocannon measured them. */
  latencies: number[];
  /** How many paths of the list were handed out (≤ list length means no path asked twice). */
  handedOut: number;
}

interface AutocannonRequest { method?: string; path?: string; setupRequest?: (req: AutocannonRequest) => AutocannonRequest }
interface AutocannonRaw { totalCompletedRequests: number; totalBytes: number; errors: number; timeouts: number; statusCodeStats: Record<string, { count: number }>; duration: number }
interface AutocannonInstance { on(ev: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void }
type Autocannon = (opts: Record<string, unknown>, cb: (err: Error | null, res: AutocannonRaw) => void) => AutocannonInstance;

async function main(): Promise<void> {
  const job = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as CannonJob;
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(job.url)) throw new Error(`refusing target ${job.url}: 127.0.0.1 only`);
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  let next = 0;
  const latencies: number[] = [];
  let bytes = 0;
  const raw = await new Promise<AutocannonRaw>((resolve, reject) => {
    const inst = autocannon({
      url: job.url,
      connections: job.connections,
      duration: job.durationSec,
      timeout: job.timeoutSec,
      skipAggregateResult: true,
      requests: [{ method: 'GET', setupRequest: (req: AutocannonRequest) => ({ ...req, path: job.paths[next++ % job.paths.length] }) }],
    }, (err, res) => (err ? reject(err) : resolve(res)));
    inst.on('response', (_c, _status, b, ms) => {
      latencies.push(ms);
      bytes += b;
    });
  });
  const status: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw.statusCodeStats)) status[k] = v.count;
  const out: CannonResult = { durationSec: raw.duration, requests: latencies.length, bytes, errors: raw.errors, timeouts: raw.timeouts, status, latencies, handedOut: next };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`cannon: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
