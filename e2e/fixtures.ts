/**
 * Journeys run the real server (on the database DATABASE_URL names: SQLite by default, or a fresh
 * PostgreSQL database of its own) seeded with the demo district, and drive Debian's chromium.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { build } from '../server/app.js';
import { seedDemo } from '../server/demo/seed-demo.js';
import { DEMO_PASSWORD } from '../server/demo/demo-data.js';
import { createProtector } from '../server/modules/registry/protect.js';
import { isPostgresUrl } from '../server/db/create-db.js';
import { createTestDatabase } from '../server/testing/databases.js';
import { TEST_KEY, testCtx } from '../server/testing/context.js';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface Journey {
  baseUrl: string;
  browser: Browser;
  page: Page;
  tmp: string;
  login(username: string): Promise<void>;
  close(): Promise<void>;
}

export async function startJourney(): Promise<Journey> {
  const dialect = isPostgresUrl(process.env.DATABASE_URL ?? '') ? 'postgres' : 'sqlite';
  const handle = await createTestDatabase(dialect);
  await seedDemo(testCtx(handle, {}, new Date().toISOString()));
  const app: FastifyInstance = await build({ handle, protector: createProtector(TEST_KEY), webDir: 'dist/web' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-e2e-'));
  return {
    baseUrl,
    browser,
    page,
    tmp,
    async login(username: string) {
      await page.goto(`${baseUrl}/login`);
      await page.locator('#username').fill(username);
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    },
    async close() {
      await browser.close();
      await app.close();
      await handle.drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
