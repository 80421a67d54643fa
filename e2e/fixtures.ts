/**
 * Journeys run the real server (on the database DATABASE_URL names: SQLite by default, or a fresh
 * PostgreSQL database of its own) seeded with the demo district, and drive Debian's chromium.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { type AppConfig, build } from '../server/app.js';
import { seedDemo } from '../server/demo/seed-demo.js';
import { DEMO_PASSWORD } from '../server/demo/demo-data.js';
import { createProtector } from '../server/modules/registry/protect.js';
import { isPostgresUrl } from '../server/db/create-db.js';
import { createTestDatabase } from '../server/testing/databases.js';
import { TEST_KEY, testCtx } from '../server/testing/context.js';
import { enrolTotpDirectly } from '../server/testing/totp-login.js';
import { generate } from 'otplib';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * How long a journey waits for what a page is to show before it fails. Generous on purpose: a
 * journey waits for the page, not for a time budget tuned to one machine — machines of this kind
 * differ 2–3× in speed, and a full run loads one more than a journey run alone. A page that shows
 * the right thing sooner is not waited for longer.
 */
export const SHOWS_WITHIN = 60_000;

export interface Journey {
  baseUrl: string;
  browser: Browser;
  page: Page;
  tmp: string;
  /** The journey's database, for a journey that sets up a world through the use cases. */
  handle: Awaited<ReturnType<typeof createTestDatabase>>;
  login(username: string): Promise<void>;
  close(): Promise<void>;
}

/** `config`: app settings a journey needs (e.g. a captcha whose answers the test knows). */
export async function startJourney(options: { config?: Partial<Pick<AppConfig, 'captcha' | 'oidc'>> } = {}): Promise<Journey> {
  const dialect = isPostgresUrl(process.env.DATABASE_URL ?? '') ? 'postgres' : 'sqlite';
  const handle = await createTestDatabase(dialect);
  await seedDemo(testCtx(handle, {}, new Date().toISOString()));
  const app: FastifyInstance = await build({ handle, protector: createProtector(TEST_KEY), webDir: 'dist/web', ...options.config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await openJourneyPage(browser);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-e2e-'));
  return {
    baseUrl,
    browser,
    page,
    tmp,
    handle,
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

/** A page in a fresh zh-CN browser context whose own waits (a click waiting for its element, a navigation) get SHOWS_WITHIN too. */
export async function openJourneyPage(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  context.setDefaultTimeout(SHOWS_WITHIN);
  context.setDefaultNavigationTimeout(SHOWS_WITHIN);
  return context.newPage();
}

/**
 * Accounts a journey creates for roles that must use 动态验证码 (operator, finance, admin, evaluator)
 * get a bound authenticator, as a finished enrolment leaves it; `totpCode` is what the app would show.
 */
export async function bindAuthenticator(handle: { db: Parameters<typeof enrolTotpDirectly>[0] }, userId: string): Promise<string> {
  return enrolTotpDirectly(handle.db, createProtector(TEST_KEY), userId, { now: () => new Date() });
}

const lastStepOf = new Map<string, number>();
/**
 * An authenticator's code for a 30-second step the server has not yet taken from this secret: each
 * code works once, so a second login within the same step waits for the next code, as a person would.
 */
export async function totpCode(secret: string, clock: { now(): Date } = { now: () => new Date() }): Promise<string> {
  const stepNow = () => Math.floor(clock.now().getTime() / 30_000);
  const last = lastStepOf.get(secret) ?? 0;
  while (stepNow() <= last) await new Promise((resolve) => setTimeout(resolve, 500));
  const step = stepNow();
  lastStepOf.set(secret, step);
  return generate({ secret, epoch: step * 30 });
}

/**
 * Fills the login page; answers the 动态验证码 step with the secret's code when the page asks for it
 * (computed at the server's time: pass the clock a journey gives its server).
 */
export async function submitLogin(page: Page, baseUrl: string, username: string, password: string, totpSecret?: string, clock?: { now(): Date }): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  if (totpSecret) {
    await page.getByTestId('totp-step').waitFor();
    await page.locator('#totpCode').fill(await totpCode(totpSecret, clock));
    await page.getByTestId('totp-submit').click();
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
