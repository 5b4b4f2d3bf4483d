// Child process of the approval benchmark: runs autocannon against 127.0.0.1 so the load generator
// does not share the server's event loop. Reads a JSON job (argv[2]), prints one JSON line.
// All connections share ONE cursor over the request list, so every request is a different one
// (a different open task to pass); with `amount` = the list length no request is sent twice.
import fs from 'node:fs';
import { createRequire } from 'node:module';

export interface ApprovalCannonJob {
  url: string;
  method: 'GET' | 'POST';
  requests: { path: string; body?: string }[];
  headers: Record<string, string>;
  connections: number;
  /** Stop after this many seconds, or when every request of the list was sent once (whichever first). */
  durationSec: number;
  /** Send each request of the list once (POST passes); otherwise cycle through it for durationSec. */
  once: boolean;
}

export interface ApprovalCannonResult {
  durationSec: number;
  requests: number;
  errors: number;
  timeouts: number;
  status: Record<string, number>;
  latencies: number[];
  sent: number;
}

interface Req { method?: string; path?: string; body?: string; headers?: Record<string, string> }
interface Raw { errors: number; timeouts: number; statusCodeStats: Record<string, { count: number }>; duration: number }
interface Instance { on(ev: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void; stop(): void }
type Autocannon = (opts: Record<string, unknown>, cb: (err: Error | null, res: Raw) => void) => Instance;

async function main(): Promise<void> {
  const job = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as ApprovalCannonJob;
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(job.url)) throw new Error(`refusing target ${job.url}: 127.0.0.1 only`);
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  let next = 0;
  const latencies: number[] = [];
  const raw = await new Promise<Raw>((resolve, reject) => {
    const inst = autocannon({
      url: job.url,
      connections: job.connections,
      duration: job.durationSec,
      ...(job.once ? { amount: job.requests.length } : {}),
      timeout: 60,
      skipAggregateResult: true,
      headers: job.headers,
      requests: [{
        method: job.method,
        setupRequest: (req: Req) => {
          const r = job.requests[next++ % job.requests.length]!;
          return { ...req, path: r.path, ...(r.body ? { body: r.body } : {}) };
        },
      }],
    }, (err, res) => (err ? reject(err) : resolve(res)));
    inst.on('response', (_c, _status, _b, ms) => { latencies.push(ms); });
  });
  const status: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw.statusCodeStats)) status[k] = v.count;
  const out: ApprovalCannonResult = { durationSec: raw.duration, requests: latencies.length, errors: raw.errors, timeouts: raw.timeouts, status, latencies, sent: next };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`approval-cannon: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
