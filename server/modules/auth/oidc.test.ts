/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider, in-process on a free port),
 * driven over HTTP as a browser would: the app's start redirects to the provider, the provider's own
 * login and consent pages are filled in, and its redirect comes back to the app's callback. A first
 * identity lands on the registration form pre-filled from its claims; submitted and approved, the
 * identity is linked and the next sign-on opens a session. A disabled account, a refused consent, a
 * forged or replayed state and an unreachable provider come back to the login page with a reason.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../app.js';
import { createTestApp, type Session } from '../../testing/app.js';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import { TEST_KEY } from '../../testing/context.js';
import { testDialects } from '../../testing/databases.js';
import { listenTestProvider, type TestProvider } from '../../testing/oidc-test-provider.js';
import { nextUscc } from '../../testing/builders.js';
import { createProtector } from '../registry/protect.js';
import { CAPTCHA_ANSWER, knownCaptcha, samplePdf, samplePng, unitApplication } from '../registration/test-support.js';
import { OIDC_FLOW_COOKIE, OIDC_PENDING_COOKIE } from './oidc-routes.js';

/** The app as the browser reaches it; the redirect address defaults to this origin. */
const APP_HOST = '127.0.0.1:3999';
const CALLBACK = `http://${APP_HOST}/api/auth/oidc/callback`;

/** A browser's cookies for one site, from Set-Cookie headers. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const gone = attributes.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value.join('=') === '';
      if (gone) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const setCookiesOf = (res: LightMyRequestResponse): string[] => {
  const raw = res.headers['set-cookie'];
  return raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
};

/**
 * Signs in at the provider's own pages from the authorization address: its login form (any password),
 * then its consent form — or the consent page's abort link. Returns where the provider sends the browser back.
 */
async function signInAtProvider(provider: TestProvider, authorizationUrl: string, login: string, consent: 'grant' | 'abort' = 'grant'): Promise<URL> {
  const jar = new Jar();
  let url = new URL(authorizationUrl);
  for (let step = 0; step < 12; step++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(res.headers.getSetCookie());
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, provider.issuer);
      if (next.origin !== provider.issuer) return next;
      url = next;
      continue;
    }
    expect(res.status).toBe(200);
    const html = await res.text();
    const action = new URL(html.match(/<form[^>]*action="([^"]+)"/)![1]!, provider.issuer);
    const prompt = html.match(/name="prompt" value="(\w+)"/)![1]!;
    if (prompt === 'consent' && consent === 'abort') {
      url = new URL(`${action.pathname}/abort`, provider.issuer);
      continue;
    }
    const body = prompt === 'login' ? new URLSearchParams({ prompt, login, password: 'any password' }) : new URLSearchParams({ prompt });
    const posted = await fetch(action, { method: 'POST', redirect: 'manual', headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, body });
    jar.take(posted.headers.getSetCookie());
    expect(posted.status).toBe(303);
    url = new URL(posted.headers.get('location')!, provider.issuer);
  }
  throw new Error('the provider never sent the browser back');
}

function multipart(fields: Record<string, string>, files: { field: string; name: string; content: Buffer; type: string }[]) {
  const boundary = `----ttsso${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${encodeURIComponent(f.name)}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const CREDIT_CODE = nextUscc('410411');
const ACCOUNTS = {
  'sso-new-unit': { name: '周统一', phone_number: '+86 138 3750 0777', credit_code: CREDIT_CODE.toLowerCase(), org_name: '平顶山湛河统一认证科技有限公司' },
  'sso-someone': { name: '吴某' },
};

for (const dialect of await testDialects()) {
  describe(`single sign-on on ${dialect}`, () => {
    let provider: TestProvider;
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let operator: Session;
    let ip = 0;

    beforeAll(async () => {
      provider = await listenTestProvider();
      provider.start(CALLBACK, ACCOUNTS);
      t = await createTestApp(dialect, { captcha: knownCaptcha, oidc: provider.settings() });
      operator = await t.loginAs(['operator']);
    }, 60_000);
    afterAll(async () => {
      await t?.close();
      await provider?.close();
    });

    /** One browser's visit to the app: its cookies for the app and a client address of its own. */
    function browser() {
      const jar = new Jar();
      const remoteAddress = `198.51.100.${++ip}`;
      const get = async (url: string) => {
        const res = await t.app.inject({ method: 'GET', url, headers: { host: APP_HOST, cookie: jar.header(), 'user-agent': 'Chromium test' }, remoteAddress });
        jar.take(setCookiesOf(res));
        return res;
      };
      /** Start → the provider's pages → the app's callback; the callback's answer. */
      const signOn = async (login: string, options: { next?: string; consent?: 'grant' | 'abort'; tamper?: (back: URL) => void } = {}) => {
        const start = await get(`/api/auth/oidc/start${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`);
        expect(start.statusCode).toBe(302);
        const authorization = new URL(start.headers.location as string);
        expect(authorization.origin).toBe(provider.issuer);
        expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
        expect(authorization.searchParams.get('redirect_uri')).toBe(CALLBACK);
        expect(jar.get(OIDC_FLOW_COOKIE)).toBeTruthy();
        const back = await signInAtProvider(provider, authorization.href, login, options.consent);
        expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
        options.tamper?.(back);
        return { back, callback: await get(`${back.pathname}${back.search}`) };
      };
      return { jar, get, signOn, remoteAddress };
    }

    it('tells the login page the button, and an app without settings says single sign-on is off', async () => {
      const on = await t.call(null, 'GET', '/api/auth/options');
      expect(on.json()).toEqual({ sso: { label: '河南省统一身份认证登录' } });
      const plain = await build({ handle: t.handle, protector: createProtector(TEST_KEY) });
      try {
        expect((await plain.inject({ method: 'GET', url: '/api/auth/options' })).json()).toEqual({ sso: null });
        const start = await plain.inject({ method: 'GET', url: '/api/auth/oidc/start' });
        expect(start.headers.location).toBe('/login?sso=off');
      } finally {
        await plain.close();
      }
    });

    it('a first identity lands on registration pre-filled; submitted and approved, the next sign-on opens a session', async () => {
      const b = browser();
      const { callback } = await b.signOn('sso-new-unit');
      expect(callback.statusCode).toBe(302);
      expect(callback.headers.location).toBe('/register?sso=1');
      expect(b.jar.get('tt_session')).toBeUndefined();
      expect(b.jar.get(OIDC_PENDING_COOKIE)).toBeTruthy();

      const pending = await b.get('/api/auth/oidc/pending');
      expect(pending.statusCode).toBe(200);
      expect(pending.json().claims).toEqual({ unitName: '平顶山湛河统一认证科技有限公司', creditCode: CREDIT_CODE, personName: '周统一', mobile: '13837500777' });
      // Another browser has no pending identity, and the stored claims are not readable in the database.
      const stranger = await browser().get('/api/auth/oidc/pending');
      expect(stranger.statusCode).toBe(404);
      expect(stranger.json().error.message).toContain('统一身份认证');
      const stored = await t.handle.db.selectFrom('oidc_pending_identity').select('claims_cipher').execute();
      expect(stored.map((r) => r.claims_cipher).join()).not.toContain('周统一');

      // The registration form, pre-filled, is submitted from the same browser.
      const captcha = (await b.get('/api/public/registration/captcha')).json() as { id: string };
      const application = unitApplication({ creditCode: CREDIT_CODE, orgName: '平顶山湛河统一认证科技有限公司', applicantName: '周统一', mobile: '13837500777' });
      const form = multipart({ data: JSON.stringify({ captchaId: captcha.id, captchaAnswer: CAPTCHA_ANSWER, application }) }, [
        { field: 'license', name: '营业执照.pdf', content: samplePdf(), type: 'application/pdf' },
        { field: 'authorization', name: '授权委托书.png', content: samplePng(), type: 'image/png' },
      ]);
      const submitted = await t.app.inject({ method: 'POST', url: '/api/public/registrations', payload: form.payload, headers: { ...form.headers, cookie: b.jar.header() }, remoteAddress: b.remoteAddress });
      expect(submitted.statusCode).toBe(201);
      const registration = await t.handle.db.selectFrom('unit_registration').selectAll().where('number', '=', submitted.json().number).executeTakeFirstOrThrow();
      expect({ issuer: registration.oidc_issuer, subject: registration.oidc_subject }).toEqual({ issuer: provider.issuer, subject: 'sso-new-unit' });
      expect((await b.get('/api/auth/oidc/pending')).statusCode).toBe(404); // spent by the submission

      // Until approval the identity opens nothing: it comes back to registration.
      const early = await browser().signOn('sso-new-unit');
      expect(early.callback.headers.location).toBe('/register?sso=1');

      const approved = await t.call(operator, 'POST', `/api/registrations/${registration.id}/approve`, { version: registration.version });
      expect(approved.statusCode).toBe(200);
      const link = await t.handle.db.selectFrom('user_identity').selectAll().where('subject', '=', 'sso-new-unit').executeTakeFirstOrThrow();
      expect(link.issuer).toBe(provider.issuer);

      const later = browser();
      const { callback: again } = await later.signOn('sso-new-unit', { next: '/contracts' });
      expect(again.headers.location).toBe('/contracts');
      expect(later.jar.get('tt_session')).toBeTruthy();
      const me = await later.get('/api/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().user).toMatchObject({ id: link.user_id, username: application.username, displayName: '周统一', roles: ['enterprise'] });
      // A write with the session's CSRF token is accepted: the session is a full one.
      const csrf = later.jar.get('tt_csrf')!;
      expect(me.json().csrfToken).toBe(csrf);
      const session = await t.handle.db.selectFrom('session').selectAll().where('user_id', '=', link.user_id).executeTakeFirstOrThrow();
      expect(session).toMatchObject({ stage: 'full', user_agent: 'Chromium test', ip: later.remoteAddress });
      const login = await t.handle.db.selectFrom('audit_event').selectAll().where('action', '=', 'auth.login').where('subject_id', '=', link.user_id).executeTakeFirstOrThrow();
      expect(JSON.parse(login.after!)).toEqual({ via: '统一身份认证', issuer: provider.issuer });
      // `next` may only be a path of this site.
      const outside = await browser().signOn('sso-new-unit', { next: '//evil.example/' });
      expect(outside.callback.headers.location).toBe('/workbench');
    }, 60_000);

    it('a disabled account is refused with the reason; a refused consent and a forged or replayed state land on the login page', async () => {
      const user = await t.handle.db.selectFrom('app_user').select('id').where('username', 'like', 'u%operator').executeTakeFirstOrThrow();
      await t.handle.db.insertInto('user_identity').values({ issuer: provider.issuer, subject: 'sso-someone', user_id: user.id, created_at: new Date().toISOString() }).execute();
      await t.handle.db.updateTable('app_user').set({ disabled: 1 }).where('id', '=', user.id).execute();
      const disabled = browser();
      const { callback } = await disabled.signOn('sso-someone');
      expect(callback.headers.location).toBe('/login?sso=disabled');
      expect(disabled.jar.get('tt_session')).toBeUndefined();
      const refusal = await t.handle.db.selectFrom('audit_event').selectAll().where('action', '=', 'auth.login.fail').where('subject_id', '=', user.id).executeTakeFirstOrThrow();
      expect(JSON.parse(refusal.after!)).toMatchObject({ refusal: '账号已停用' });
      await t.handle.db.updateTable('app_user').set({ disabled: 0 }).where('id', '=', user.id).execute();

      const denied = await browser().signOn('sso-someone', { consent: 'abort' });
      expect(denied.back.searchParams.get('error')).toBe('access_denied');
      expect(denied.callback.headers.location).toBe('/login?sso=denied');

      // A state that is not the one this browser started with is refused, and the started login is spent by it.
      const forged = browser();
      let realState = '';
      const { back, callback: forgedCallback } = await forged.signOn('sso-someone', {
        tamper: (u) => {
          realState = u.searchParams.get('state')!;
          u.searchParams.set('state', 'not-the-state');
        },
      });
      expect(forgedCallback.headers.location).toBe('/login?sso=expired');
      back.searchParams.set('state', realState);
      const replay = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { host: APP_HOST, cookie: forged.jar.header() } });
      expect(replay.headers.location).toBe('/login?sso=expired');
      expect(forged.jar.get('tt_session')).toBeUndefined();

      // The provider's answer handed to another browser (no started login there) opens nothing either.
      const victim = browser();
      const stolen = await browser().signOn('sso-someone');
      expect(stolen.callback.headers.location).toBe('/workbench'); // its own browser logs in
      const elsewhere = await victim.get(`${stolen.back.pathname}${stolen.back.search}`);
      expect(elsewhere.headers.location).toBe('/login?sso=expired');
      expect(victim.jar.get('tt_session')).toBeUndefined();
    }, 60_000);

    it('an unreachable provider sends the user back to the login page', async () => {
      const gone = await listenTestProvider();
      const settings = gone.settings();
      await gone.close();
      const app = await build({ handle: t.handle, protector: createProtector(TEST_KEY), oidc: settings });
      try {
        const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
        expect(start.headers.location).toBe('/login?sso=unavailable');
      } finally {
        await app.close();
      }
    });

    it('words every audit event it wrote', async () => {
      expect(await unwordedAuditEvents(t.handle.db)).toEqual([]);
    });
  });
}
