/**
 * Single sign-on, the use cases. Starting keeps state, nonce and the PKCE verifier on the server,
 * keyed by the hash of a token the browser holds in an httpOnly cookie (10 minutes, one use). The
 * callback spends that row, lets the library verify the provider's answer, and then:
 *  - an identity linked to an active account (user_identity) opens a session;
 *  - one linked to a disabled account is refused (audited as a failed login);
 *  - an unknown one is kept as a pending identity (2 hours, its pre-fill encrypted) for the public
 *    unit registration, which links it to the account its approval opens (decide-registration.ts).
 * Whatever goes wrong comes back as a reason the login page words (common/oidc-api.ts).
 */
import crypto from 'node:crypto';
import type { OidcPendingView, SsoOutcome } from '../../../common/oidc-api.js';
import { normalizeUscc } from '../../../common/uscc.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { audit } from '../audit/audit.js';
import { type OidcSettings } from './oidc-config.js';
import { authorizationRequest, ProviderUnavailable, type VerifiedIdentity, verifiedIdentity } from './oidc-client.js';
import { openSsoSession, SSO_VIA } from './oidc-session.js';

export const AUTHORIZATION_MINUTES = 10;
export const PENDING_HOURS = 2;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const newToken = () => crypto.randomBytes(32).toString('base64url');

export async function beginSsoLogin(
  ctx: Ctx,
  settings: OidcSettings,
  options: { redirectUri: string; returnTo: string },
): Promise<{ token: string; url: string } | { refused: SsoOutcome; detail: string }> {
  let request;
  try {
    request = await authorizationRequest(settings, options.redirectUri);
  } catch (error) {
    if (error instanceof ProviderUnavailable) return { refused: 'unavailable', detail: error.message };
    throw error;
  }
  const token = newToken();
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    // Housekeeping rides on starts: handshakes never finished and registrations never made go.
    await trx.deleteFrom('oidc_authorization').where('expires_at', '<=', now.toISOString()).execute();
    await trx.deleteFrom('oidc_pending_identity').where('expires_at', '<=', now.toISOString()).execute();
    await trx
      .insertInto('oidc_authorization')
      .values({
        id: sha256(token),
        state: request.state,
        nonce: request.nonce,
        code_verifier: request.codeVerifier,
        redirect_uri: options.redirectUri,
        return_to: options.returnTo,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + AUTHORIZATION_MINUTES * 60_000).toISOString(),
      })
      .execute();
  });
  return { token, url: request.url.href };
}

export type SsoResult =
  | { kind: 'session'; token: string; csrfToken: string; returnTo: string }
  | { kind: 'register'; pendingToken: string }
  | { kind: 'refused'; reason: SsoOutcome; detail: string };

/** Takes the started login once: a second callback with the same cookie finds nothing. */
async function spendAuthorization(ctx: Ctx, token: string | undefined) {
  if (!token) return null;
  const id = sha256(token);
  const row = await ctx.db.selectFrom('oidc_authorization').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const deleted = await ctx.db.deleteFrom('oidc_authorization').where('id', '=', id).executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) return null; // another request spent it first
  return row.expires_at > ctx.clock.now().toISOString() ? row : null;
}

function claimValue(claims: Record<string, unknown>, name: string): string | undefined {
  let value: unknown = claims[name];
  if (value === undefined && name.includes('.')) {
    value = name.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), claims);
  }
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim().slice(0, 100);
  return text || undefined;
}

/** What the registration form is pre-filled with, from the claims the settings name. */
export function prefillOf(settings: OidcSettings, claims: Record<string, unknown>): OidcPendingView['claims'] {
  const creditCode = claimValue(claims, settings.claims.creditCode);
  const unitName = claimValue(claims, settings.claims.unitName);
  const personName = claimValue(claims, settings.claims.person);
  const mobile = claimValue(claims, settings.claims.mobile)?.replace(/^\+86[\s-]?/, '').replace(/[\s-]/g, '');
  return {
    ...(unitName ? { unitName } : {}),
    ...(creditCode ? { creditCode: normalizeUscc(creditCode) } : {}),
    ...(personName ? { personName } : {}),
    ...(mobile ? { mobile } : {}),
  };
}

export async function completeSsoLogin(
  ctx: Ctx,
  settings: OidcSettings,
  flowToken: string | undefined,
  query: Record<string, string | undefined>,
  userAgent: string | null,
): Promise<SsoResult> {
  const flow = await spendAuthorization(ctx, flowToken);
  if (!flow || !query.state || query.state !== flow.state) {
    return { kind: 'refused', reason: 'expired', detail: flow ? 'state does not match' : 'no started login for this browser (cookie missing, spent or expired)' };
  }
  if (query.error) {
    return { kind: 'refused', reason: query.error === 'access_denied' ? 'denied' : 'failed', detail: `provider answered ${query.error}: ${query.error_description ?? ''}` };
  }
  const callbackUrl = new URL(flow.redirect_uri);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) callbackUrl.searchParams.set(key, value);
  let identity: VerifiedIdentity;
  try {
    identity = await verifiedIdentity(settings, callbackUrl, { state: flow.state, nonce: flow.nonce, codeVerifier: flow.code_verifier });
  } catch (error) {
    return { kind: 'refused', reason: error instanceof ProviderUnavailable ? 'unavailable' : 'failed', detail: String(error) };
  }

  const linked = await ctx.db
    .selectFrom('user_identity')
    .innerJoin('app_user', 'app_user.id', 'user_identity.user_id')
    .select(['app_user.id', 'app_user.display_name', 'app_user.disabled'])
    .where('user_identity.issuer', '=', identity.issuer)
    .where('user_identity.subject', '=', identity.subject)
    .executeTakeFirst();
  if (linked) {
    if (linked.disabled) {
      await inTransaction(ctx, (trx) =>
        audit(trx, { ...ctx, actor: { ...ctx.actor, name: linked.display_name } }, {
          action: 'auth.login.fail',
          subjectType: 'user',
          subjectId: linked.id,
          after: { via: SSO_VIA, issuer: identity.issuer, refusal: '账号已停用' },
        }),
      );
      return { kind: 'refused', reason: 'disabled', detail: 'account disabled' };
    }
    const session = await inTransaction(ctx, (trx) => openSsoSession(trx, ctx, linked, { issuer: identity.issuer, userAgent }));
    return { kind: 'session', ...session, returnTo: flow.return_to };
  }

  const pendingToken = newToken();
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('oidc_pending_identity')
    .values({
      id: sha256(pendingToken),
      issuer: identity.issuer,
      subject: identity.subject,
      claims_cipher: ctx.protector.encrypt(JSON.stringify(prefillOf(settings, identity.claims))),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + PENDING_HOURS * 3600_000).toISOString(),
    })
    .execute();
  return { kind: 'register', pendingToken };
}

export interface PendingIdentity {
  issuer: string;
  subject: string;
  view: OidcPendingView;
}

/** The first-time identity this browser came back with, while it holds. */
export async function readPendingIdentity(ctx: Pick<Ctx, 'db' | 'clock' | 'protector'>, token: string | undefined): Promise<PendingIdentity | null> {
  if (!token) return null;
  const row = await ctx.db
    .selectFrom('oidc_pending_identity')
    .selectAll()
    .where('id', '=', sha256(token))
    .where('expires_at', '>', ctx.clock.now().toISOString())
    .executeTakeFirst();
  if (!row) return null;
  return { issuer: row.issuer, subject: row.subject, view: { claims: JSON.parse(ctx.protector.decrypt(row.claims_cipher)), expiresAt: row.expires_at } };
}

/** Once the registration carries the identity, the pending one is spent. */
export async function forgetPendingIdentity(db: Executor, token: string): Promise<void> {
  await db.deleteFrom('oidc_pending_identity').where('id', '=', sha256(token)).execute();
}
