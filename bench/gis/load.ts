// Load runners of the spatial benchmark: HTTP through autocannon (in a child process) and the
// raw-SQL baseline (N concurrent callers in this process), both bounded by time and list length.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CannonJob, CannonResult } from './cannon.ts';
import { latencySummary, log } from './util.ts';

const CANNON = fileURLToPath(new URL('./cannon.ts', import.meta.url));

/** One measured run, HTTP or raw SQL, in the shape the report prints. */
export interface RunFigures {
  label: string;
  seconds: number;
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Response bytes (HTTP: headers + body) or tile/JSON bytes (raw), total. */
  bytes: number;
  errors: number;
  status: Record<string, number>;
  /** Items of the list used; equal to count when nothing was asked twice. */
  distinct: number;
  /** CPU of the bench process (server + raw callers), % of one core, and of the whole machine, % of all cores. */
  cpu: { selfPct: number; machinePct: number };
  note?: string;
}

/** Starts CPU accounting; the returned function gives the usage since then. */
export function cpuMeter(): () => RunFigures['cpu'] {
  const t0 = performance.now(), self0 = process.cpuUsage(), m0 = machineTimes();
  return () => {
    const wallMs = performance.now() - t0, self = process.cpuUsage(self0), m1 = machineTimes();
    const busy = m1.busy - m0.busy, total = m1.total - m0.total;
    return { selfPct: ((self.user + self.system) / 1000 / wallMs) * 100, machinePct: total > 0 ? (busy / total) * 100 : NaN };
  };
}

function machineTimes(): { busy: number; total: number } {
  let busy = 0, total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

/** Runs autocannon in a child process over `paths` (one shared cursor across connections). */
export async function httpLoad(label: string, tmpDir: string, job: CannonJob): Promise<RunFigures> {
  const file = path.join(tmpDir, `cannon-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(job));
  log(`${label}: autocannon ${job.connections} connections, ${job.durationSec} s, ${job.paths.length} paths`);
  const cpu = cpuMeter();
  const child = spawn(process.execPath, ['--import', 'tsx', CANNON, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-4000); });
  const killer = setTimeout(() => child.kill('SIGKILL'), (job.durationSec + job.timeoutSec + 60) * 1000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  const used = cpu();
  clearTimeout(killer);
  fs.rmSync(file, { force: true });
  if (code !== 0) throw new Error(`${label}: autocannon child exited ${code}: ${err.trim()}`);
  const r = JSON.parse(out.trim().split('\n').pop()!) as CannonResult;
  const s = latencySummary(r.latencies);
  const fig: RunFigures = {
    label, seconds: r.durationSec, count: r.requests, perSecond: r.requests / r.durationSec, ...s,
    bytes: r.bytes, errors: r.errors + r.timeouts, status: r.status, distinct: Math.min(r.handedOut, job.paths.length), cpu: used,
  };
  log(`${label}: ${fig.perSecond.toFixed(1)} req/s, p50 ${fig.p50.toFixed(1)} ms, p95 ${fig.p95.toFixed(1)} ms, status ${JSON.stringify(r.status)}, CPU: bench process ${used.selfPct.toFixed(0)} % of a core, machine ${used.machinePct.toFixed(0)} %`);
  return fig;
}

/**
 * Calls `work(item)` from `concurrency` callers sharing one cursor over `items` for `seconds`
 * (or until the list is used up); records each call's latency and returned size.
 */
export async function rawLoad<T>(
  label: string,
  items: readonly T[],
  opts: { concurrency: number; seconds: number },
  work: (item: T) => Promise<number>,
  onSample?: (item: T, ms: number, bytes: number) => void,
): Promise<RunFigures> {
  log(`${label}: ${opts.concurrency} concurrent callers, ${opts.seconds} s, ${items.length} items`);
  const latencies: number[] = [];
  let next = 0, bytes = 0, errors = 0, firstError = '';
  const cpu = cpuMeter();
  const t0 = performance.now();
  const deadline = t0 + opts.seconds * 1000;
  const caller = async () => {
    while (performance.now() < deadline && next < items.length) {
      const item = items[next++]!;
      const t = performance.now();
      try {
        const b = await work(item);
        const ms = performance.now() - t;
        latencies.push(ms);
        bytes += b;
        onSample?.(item, ms, b);
      } catch (e) {
        errors++;
        firstError ||= (e as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, caller));
  const seconds = (performance.now() - t0) / 1000;
  const s = latencySummary(latencies);
  if (firstError) log(`${label}: ${errors} errors, first: ${firstError}`);
  const fig: RunFigures = { label, seconds, count: latencies.length, perSecond: latencies.length / seconds, ...s, bytes, errors, status: {}, distinct: next, cpu: cpu() };
  log(`${label}: ${fig.perSecond.toFixed(1)} /s, p50 ${fig.p50.toFixed(1)} ms, p95 ${fig.p95.toFixed(1)} ms, CPU: bench process ${fig.cpu.selfPct.toFixed(0)} % of a core, machine ${fig.cpu.machinePct.toFixed(0)} %`);
  return fig;
}
