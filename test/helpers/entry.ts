// The suite's single entry: imports every test file named by scripts/test.mjs, so all of them
// share one process and one database per kind.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const files = (process.env.LANDGOV_TEST_FILES ?? '').split('\n').filter(Boolean);
for (const f of files) await import(pathToFileURL(path.resolve(f)).href);
