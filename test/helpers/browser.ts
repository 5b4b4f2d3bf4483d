import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { TestApp } from './app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// WEB_DIST_DIR lets a developer test a build of their own while another build is written to web/dist.
const WEB_DIST = path.resolve(process.env.WEB_DIST_DIR ?? 'web/dist', 'index.html');
// Flags for headless Chromium as root on a machine with no outside network.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why browser tests cannot run here (with the command that fixes it), or null when they can. */
export const browserMissing: string | null = !fs.existsSync(CHROMIUM)
  ? `Chromium not found at ${CHROMIUM}; install it with: apt-get install -y chromium fonts-noto-cjk`
  : !fs.existsSync(WEB_DIST)
    ? 'the web app is not built; run: npm run build:web'
    : null;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Serves a test app on a free loopback port and returns its base URL. */
export async function serve(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}
