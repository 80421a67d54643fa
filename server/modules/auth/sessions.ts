/**
 * Login, sessions and their limits. Sessions live in the database so several app instances can
 * share one PostgreSQL; the cookie holds a random token and the table only its SHA-256.
 *
 * A login holds under attack (login-guard.ts): the address's and the account's attempt slots are
 * taken atomically before any password is checked. Every refusal — unknown user, wrong password,
 * locked or disabled account — gives the same answer after the same work (one argon2 check), so
 * neither the message nor the time tells an attacker which it was.
 *
 * A session ends after SESSION_HOURS whatever happens, and after the idle minutes without use.
 * Its stage says what it may reach (session-policy.ts): an account that must change its password
 * or enrol TOTP first gets a session that reaches only that.
 */
import crypto from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Transaction } from 'kysely';
import { beijingDateTime } from '../../../common/dates.js';
import type { UserRole } from '../../../common/vocabulary.js';
import type { Clock, Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import type { Selectable } from 'kysely';
import type { Database, UserTable as UserTableDef } from '../../db/schema.js';

type UserTable = Selectable<UserTableDef>;
import { AppError } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { type loadActor as LoadActor, loadActor } from './users.js';
import {
  clearAccountFailures, lockIfExhausted, returnAccountSlot, returnIpSlot, takeAccountSlot, takeIpSlot,
} from './login-guard.js';
import {
  CHALLENGE_MINUTES, DEFAULT_IDLE_MINUTES, LAST_SEEN_RESOLUTION_MS, LOCK_AFTER_FAILURES, LOCK_MINUTES, SESSION_HOURS,
  type SessionStage, totpRequired,
} from './session-policy.js';

export { SESSION_HOURS, LOCK_AFTER_FAILURES, LOCK_MINUTES } from './session-policy.js';
export { IP_WINDOW_MINUTES, IP_MAX_FAILURES } from './session-policy.js';

export type SessionActor = NonNullable<Awaited<ReturnType<typeof LoadActor>>>;

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

// A fixed hash to verify against when no real one may be checked (unknown user, locked or
// disabled account), so every refusal costs the same argon2 work.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$qdFbXfsygKKGWAqS+UAgwA$cQA012wIi3c2pdp4VyUh7i8XZB9F7XkG8EItQ3kZKXY';

/** The one answer to every refused login: it must not tell which of the reasons it was. */
export const LOGIN_REFUSED_MESSAGE =
  `用户名或密码错误。连续输错 ${LOCK_AFTER_FAILURES} 次账号将锁定 ${LOCK_MINUTES} 分钟；账号已锁定或停用时也是这一提示，如有疑问请联系管理员`;

export interface ClientInfo {
  userAgent?: string | null | undefined;
}

export type LoginOutcome =
  | { kind: 'session'; token: string; csrfToken: string; actor: SessionActor; stage: SessionStage }
  | { kind: 'challenge'; challengeToken: string; expiresAt: string };

const refused = () => new AppError('UNAUTHENTICATED', LOGIN_REFUSED_MESSAGE);

/**
 * argon2 checks done so far, against an account's own hash (`real`) or the dummy: the login
 * tests read it to show that at most the lockout threshold of passwords are checked and that
 * every refusal costs exactly one check.
 */
export const passwordChecks = { real: 0, dummy: 0 };

async function checkPassword(hashToCheck: string | null, password: string): Promise<boolean> {
  if (hashToCheck) passwordChecks.real += 1;
  else passwordChecks.dummy += 1;
  return verify(hashToCheck ?? DUMMY_HASH, password).catch(() => false);
}

export async function login(ctx: Ctx, username: string, password: string, client: ClientInfo = {}): Promise<LoginOutcome> {
  const now = ctx.clock.now();
  const ip = ctx.ip ?? 'unknown';
  const slot = await takeIpSlot(ctx.db, ip, now);
  if (!slot.allowed) {
    throw new AppError('RATE_LIMITED', `本机登录失败次数过多，请于 ${beijingDateTime(slot.retryAt)}（北京时间）后再试`);
  }
  const user = await ctx.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
  const failedAs = { ...ctx, actor: { ...ctx.actor, name: username } };
  if (!user || user.disabled) {
    await checkPassword(null, password);
    if (user) await inTransaction(ctx, (trx) => audit(trx, failedAs, { action: 'auth.login.fail', subjectType: 'user', subjectId: user.id, after: { disabled: true } }));
    throw refused();
  }
  if (!(await takeAccountSlot(ctx.db, user.id, now))) {
    await checkPassword(null, password);
    await inTransaction(ctx, async (trx) => {
      // Slots full but no lock yet (checks still running): lock now so the count cannot stick.
      const lockedUntil = (await lockIfExhausted(trx, user.id, now)) ?? user.locked_until;
      await audit(trx, failedAs, { action: 'auth.login.locked', subjectType: 'user', subjectId: user.id, after: { lockedUntil } });
    });
    throw refused();
  }
  if (!(await checkPassword(user.password_hash, password))) {
    await inTransaction(ctx, async (trx) => {
      const lockedUntil = await lockIfExhausted(trx, user.id, now);
      const { failed_logins } = await trx.selectFrom('app_user').select('failed_logins').where('id', '=', user.id).executeTakeFirstOrThrow();
      await audit(trx, failedAs, {
        action: lockedUntil ? 'auth.user.lock' : 'auth.login.fail',
        subjectType: 'user',
        subjectId: user.id,
        after: lockedUntil ? { failures: failed_logins, locked: true, lockedUntil } : { failures: failed_logins, locked: false },
      });
    });
    throw refused();
  }
  // The password is right: only now may the answer differ.
  await returnIpSlot(ctx.db, ip);
  if (user.password_expires_at && user.password_expires_at <= now.toISOString()) {
    await clearAccountFailures(ctx.db, user.id);
    await inTransaction(ctx, (trx) => audit(trx, failedAs, { action: 'auth.login.expired', subjectType: 'user', subjectId: user.id, after: { passwordExpiresAt: user.password_expires_at } }));
    throw new AppError(
      'UNAUTHENTICATED',
      `您的临时密码已于 ${beijingDateTime(user.password_expires_at)}（北京时间）过期，请联系管理员重新设置密码`,
      { field: 'password' },
    );
  }
  if (user.totp_enabled_at) {
    await returnAccountSlot(ctx.db, user.id);
    return startSecondFactor(ctx, user);
  }
  await clearAccountFailures(ctx.db, user.id);
  return openSession(ctx, user, client);
}

/** A password-checked login of an enrolled account waits for its code (totp.ts completes it). */
async function startSecondFactor(ctx: Ctx, user: UserTable): Promise<LoginOutcome> {
  const challengeToken = crypto.randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString();
  await inTransaction(ctx, async (trx) => {
    await trx.deleteFrom('login_challenge').where('expires_at', '<=', now.toISOString()).execute();
    await trx
      .insertInto('login_challenge')
      .values({ id: sha256(challengeToken), user_id: user.id, kind: 'totp', attempts: 0, created_at: now.toISOString(), expires_at: expiresAt })
      .execute();
    await audit(trx, { ...ctx, actor: { ...ctx.actor, id: user.id, name: user.display_name } }, {
      action: 'auth.login.password_ok',
      subjectType: 'user',
      subjectId: user.id,
    });
  });
  return { kind: 'challenge', challengeToken, expiresAt };
}

const ENROL_STAGE_ON = true;

/** What a fresh session of this account may reach first. */
export function firstStage(user: Pick<UserTable, 'must_change_password' | 'totp_enabled_at' | 'roles' | 'is_demo'>): SessionStage {
  if (user.must_change_password) return 'must_change';
  if (ENROL_STAGE_ON && !user.totp_enabled_at && totpRequired(JSON.parse(user.roles) as UserRole[], user.is_demo === 1)) return 'enrol';
  return 'full';
}

/** Opens a session for an account whose login is complete (password, and second factor when enrolled). */
export async function openSession(ctx: Ctx, user: UserTable, client: ClientInfo, how: { secondFactor?: 'totp' | 'recovery_code' } = {}): Promise<LoginOutcome> {
  const now = ctx.clock.now();
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const stage = firstStage(user);
  await inTransaction(ctx, async (trx) => {
    // Housekeeping rides on logins: expired sessions go.
    await trx.deleteFrom('session').where('expires_at', '<=', now.toISOString()).execute();
    await trx
      .updateTable('app_user')
      .set({ last_login_at: now.toISOString(), last_login_ip: ctx.ip })
      .where('id', '=', user.id)
      .execute();
    await trx
      .insertInto('session')
      .values({
        id: sha256(token),
        user_id: user.id,
        csrf_token: csrfToken,
        ip: ctx.ip,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
        last_seen_at: now.toISOString(),
        user_agent: client.userAgent ? client.userAgent.slice(0, 500) : null,
        stage,
      })
      .execute();
    await audit(trx, { ...ctx, actor: { ...ctx.actor, id: user.id, name: user.display_name } }, {
      action: 'auth.login',
      subjectType: 'user',
      subjectId: user.id,
      ...(how.secondFactor === 'totp' ? { after: { withTotp: true } } : how.secondFactor === 'recovery_code' ? { after: { withRecoveryCode: true } } : {}),
    });
  });
  const actor = (await loadActor(ctx.db, user.id))!;
  return { kind: 'session', token, csrfToken, actor, stage };
}

export interface ResolvedSession {
  actor: SessionActor;
  csrfToken: string;
  stage: SessionStage;
}

/**
 * The session behind a token, or null when there is none, it passed its lifetime, or it idled
 * longer than `idleMinutes`. A use more than a minute after the last recorded one is written
 * (to `writeDb` when given), so browsing costs at most one write a minute per session.
 */
export async function resolveSession(
  ctx: { db: Executor; clock: Clock },
  token: string,
  options: { idleMinutes?: number; writeDb?: Executor } = {},
): Promise<ResolvedSession | null> {
  const now = ctx.clock.now();
  const idleMinutes = options.idleMinutes ?? DEFAULT_IDLE_MINUTES;
  const session = await ctx.db
    .selectFrom('session')
    .selectAll()
    .where('id', '=', sha256(token))
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!session) return null;
  const lastUse = new Date(session.last_seen_at ?? session.created_at).getTime();
  if (now.getTime() - lastUse >= idleMinutes * 60_000) return null;
  const actor = await loadActor(ctx.db, session.user_id);
  if (!actor) return null;
  if (now.getTime() - lastUse >= LAST_SEEN_RESOLUTION_MS) {
    const cutoff = new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS).toISOString();
    await (options.writeDb ?? ctx.db)
      .updateTable('session')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', session.id)
      .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<=', cutoff)]))
      .execute();
  }
  return { actor, csrfToken: session.csrf_token, stage: session.stage as SessionStage };
}

export async function logout(ctx: Ctx, token: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const deleted = await trx.deleteFrom('session').where('id', '=', sha256(token)).executeTakeFirst();
    if (Number(deleted.numDeletedRows) > 0 && ctx.actor.id) {
      await audit(trx, ctx, { action: 'auth.logout', subjectType: 'user', subjectId: ctx.actor.id });
    }
  });
}

/**
 * Ends every session of a user (password changed or reset, account disabled or removed from its
 * last unit), but the one given in `except` — the session that changed its own password stays.
 * Runs inside the caller's transaction so the change and the logout land together.
 */
export async function endSessions(db: Executor, userId: string, except?: { token: string }): Promise<number> {
  let q = db.deleteFrom('session').where('user_id', '=', userId);
  if (except) q = q.where('id', '!=', sha256(except.token));
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

/** Moves the caller's own session to another stage (password changed, TOTP enrolled or removed). */
export async function setSessionStage(trx: Transaction<Database>, token: string, stage: SessionStage): Promise<void> {
  await trx.updateTable('session').set({ stage }).where('id', '=', sha256(token)).execute();
}

/** The session of a login known to need no second factor (tests, scripts); throws on a challenge. */
export function sessionOf(outcome: LoginOutcome): Extract<LoginOutcome, { kind: 'session' }> {
  if (outcome.kind !== 'session') throw new Error('this login waits for its second factor');
  return outcome;
}
