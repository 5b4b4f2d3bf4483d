// Builds the web app when web/dist is missing or older than its sources, so that a fresh
// `npm ci && npm start` serves the pages without a separate build step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'web', 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const webDir = path.join(root, 'web');
if (!fs.existsSync(path.join(webDir, 'index.html'))) process.exit(0);
const built = fs.existsSync(dist) ? fs.statSync(dist).mtimeMs : 0;
if (built >= newest(webDir)) process.exit(0);
console.log('building the web app (first start, or its sources changed)…');
const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
