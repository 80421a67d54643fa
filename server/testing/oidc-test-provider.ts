/**
 * A real OpenID Connect provider for tests and journeys (oidc-provider, started in-process on a free
 * port of 127.0.0.1): one confidential client, PKCE required, and its own login and consent pages
 * (the library's development interactions — any password is accepted; the login name is the
 * subject). The accounts' claims are the test's to choose. The server listens first, so the issuer
 * is known when the app is configured; the provider itself is made once the app's callback address
 * is known (the app discovers the provider only at the first login).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OidcSettings } from '../modules/auth/oidc-config.js';

export const TEST_CLIENT_ID = 'techtransfer-test';
export const TEST_CLIENT_SECRET = 'a-test-secret-long-enough-for-hs256-0123456789';

/** Claims a unit's 统一身份认证 account carries (names as the settings below expect). */
export type TestClaims = Record<string, string>;

export interface TestProvider {
  issuer: string;
  /** The app's settings pointing at this provider. */
  settings(overrides?: Partial<OidcSettings>): OidcSettings;
  /** Makes the provider with the client's callback address and the accounts it knows. */
  start(redirectUri: string, accounts: Record<string, TestClaims>): void;
  close(): Promise<void>;
}

const SCOPE = 'openid profile phone unit';

// The library's notices about its development defaults say nothing a test reader needs.
function quietly<T>(make: () => T): T {
  const warn = console.warn;
  const info = console.info;
  console.warn = () => {};
  console.info = () => {};
  try {
    return make();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}

export async function listenTestProvider(): Promise<TestProvider> {
  // Imported here so its warning about Node 20 (it runs; its tests target 22) stays out of the output.
  const warn = console.warn;
  console.warn = () => {};
  const { default: Provider } = await import('oidc-provider').finally(() => {
    console.warn = warn;
  });
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let handler: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | null = null;
  server.on('request', (req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503).end('provider not started');
  });
  const ttl = (seconds: number) => () => seconds;
  return {
    issuer,
    settings: (overrides = {}) => ({
      issuer,
      clientId: TEST_CLIENT_ID,
      clientSecret: TEST_CLIENT_SECRET,
      tokenAuthMethod: 'client_secret_basic',
      redirectUri: null,
      scope: SCOPE,
      label: '河南省统一身份认证登录',
      claims: { creditCode: 'credit_code', unitName: 'org_name', person: 'name', mobile: 'phone_number' },
      ...overrides,
    }),
    start(redirectUri, accounts) {
      const provider = quietly(() => new Provider(issuer, {
        clients: [{ client_id: TEST_CLIENT_ID, client_secret: TEST_CLIENT_SECRET, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
        findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) }),
        claims: { openid: ['sub'], profile: ['name'], phone: ['phone_number'], unit: ['credit_code', 'org_name'] },
        pkce: { required: () => true },
        features: { devInteractions: { enabled: true } },
        ttl: { AccessToken: ttl(600), AuthorizationCode: ttl(60), IdToken: ttl(600), Interaction: ttl(600), Session: ttl(600), Grant: ttl(600) },
      }));
      handler = provider.callback();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
