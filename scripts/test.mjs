// Runs the whole suite in one Node process with the built-in test runner, so the embedded
// database (whose PostGIS start costs seconds) is opened once per run, not once per file.
// Usage: npm test [-- <substring filter on file paths>]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const filters = process.argv.slice(2);
function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(p);
    return e.name.endsWith('.test.ts') ? [path.relative(root, p)] : [];
  });
}
const files = [...walk(path.join(root, 'test')), ...walk(path.join(root, 'src'))]
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// Node picks the reporter: spec on a terminal, TAP otherwise (CI reads TAP's closing lines).
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', 'test/helpers/entry.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, LANDGOV_TEST_FILES: files.join('\n') },
});
process.exit(r.status ?? 1);
