import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../helpers/db.ts';

const DEMO_PASSWORD = 'Demo#Pass2026';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server not ready in time');
}

describe('the server process (npm start path, embedded database)', () => {
  let child: ChildProcess;
  let url: string;
  let dataDir: string;
  let output = '';
  before(async () => {
    dataDir = tempDir();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO_PASSWORD, DATABASE_URL: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await waitReady(url, child, 120_000);
  });
  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('starts on an empty data directory with the demo county and the demo clerk', async () => {
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: DEMO_PASSWORD }) });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { stage: 'active' }, 'demo accounts skip the first-login password change');
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const me = await (await fetch(`${url}/api/auth/me`, { headers: { cookie } })).json();
    assert.equal(me.regionName, '衡南县');
    assert.equal(me.department.name, '行政审批服务股（政务服务窗口）');
    const layers = (await (await fetch(`${url}/api/gis/layers`, { headers: { cookie } })).json()) as { code: string; currentVersion: number }[];
    for (const code of ['XZQ', 'DLTB', 'YJJBNTBHTB', 'STBHHX', 'CZKFBJ']) assert.equal(layers.find((l) => l.code === code)?.currentVersion, 1, `demo layer ${code}`);
    const tile = await fetch(`${url}/tiles/DLTB/12/3330/1731.mvt`, { headers: { cookie } });
    assert.equal(tile.status, 200, 'the demo map has tiles over the county seat');
  });

  it('refuses a second server on the same data directory with a clear message', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`in use by process ${child.pid}`));
  });

  it('finishes the request in flight on SIGTERM, then exits 0 and releases the data directory', async () => {
    const inFlight = fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: DEMO_PASSWORD }) });
    await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const res = await inFlight;
    assert.equal(res.status, 200);
    assert.equal(await exited, 0, output);
    assert.equal(fs.existsSync(path.join(dataDir, 'db.lock')), false);
  });
});
