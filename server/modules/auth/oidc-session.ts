/**
 * A session opened by single sign-on: the same row login() in sessions.ts writes (the hash of a random
 * token, a CSRF token, the address, the browser, created and expiring, stage 'full' — the provincial
 * provider did the authenticating), the last login noted, and 'auth.login' audited with the way in,
 * all in the caller's transaction.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Ctx } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { audit } from '../audit/audit.js';
import { SESSION_HOURS } from './sessions.js';

/** How the audit log words this way in (field `via`). */
export const SSO_VIA = '统一身份认证';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export async function openSsoSession(
  trx: Transaction<Database>,
  ctx: Ctx,
  user: { id: string; display_name: string },
  details: { issuer: string; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const now = ctx.clock.now();
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  await trx.deleteFrom('session').where('expires_at', '<=', now.toISOString()).execute();
  await trx
    .insertInto('session')
    .values({
      id: sha256(token),
      user_id: user.id,
      csrf_token: csrfToken,
      ip: ctx.ip ?? 'unknown',
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
      last_seen_at: now.toISOString(),
      user_agent: details.userAgent?.slice(0, 500) ?? null,
      stage: 'full',
    })
    .execute();
  await trx.updateTable('app_user').set({ last_login_at: now.toISOString(), last_login_ip: ctx.ip ?? null }).where('id', '=', user.id).execute();
  await audit(trx, { ...ctx, actor: { ...ctx.actor, id: user.id, name: user.display_name } }, {
    action: 'auth.login',
    subjectType: 'user',
    subjectId: user.id,
    after: { via: SSO_VIA, issuer: details.issuer },
  });
  return { token, csrfToken };
}
