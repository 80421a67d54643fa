/**
 * The counters that stop password guessing, each decided by one atomic statement before any
 * password is checked — never read first and written later, so parallel guesses cannot slip
 * through between a read and a write.
 *
 * - Per client address (login_throttle, key `ip:<addr>`): every attempt takes a slot in the
 *   current window; a success gives it back. Past IP_MAX_FAILURES the address waits.
 * - Per account (app_user.failed_logins / locked_until, which the admin's unlock resets): an
 *   attempt takes a slot only while fewer than LOCK_AFTER_FAILURES are taken and no lock holds,
 *   so at most that many passwords are ever checked; the failure that fills the last slot locks
 *   the account for LOCK_MINUTES. Attempts on a locked account change nothing — the lock is not
 *   extended — and once it has passed the next attempt starts counting afresh.
 */
import { sql } from 'kysely';
import type { Executor } from '../../context.js';
import { IP_MAX_FAILURES, IP_WINDOW_MINUTES, LOCK_AFTER_FAILURES, LOCK_MINUTES } from './session-policy.js';

const minutes = (now: Date, n: number) => new Date(now.getTime() + n * 60_000).toISOString();

export const ipKey = (ip: string) => `ip:${ip}`;

/** Takes a slot for this address; `allowed` false once the window is full, with the instant it ends. */
export async function takeIpSlot(db: Executor, ip: string, now: Date): Promise<{ allowed: boolean; retryAt: string }> {
  const nowIso = now.toISOString();
  const windowOpenedBefore = minutes(now, -IP_WINDOW_MINUTES);
  const row = await db
    .insertInto('login_throttle')
    .values({ key: ipKey(ip), window_start: nowIso, failures: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when login_throttle.window_start <= ${windowOpenedBefore} then 1 else login_throttle.failures + 1 end`,
        window_start: sql<string>`case when login_throttle.window_start <= ${windowOpenedBefore} then cast(${nowIso} as text) else login_throttle.window_start end`,
      }),
    )
    .returning(['failures', 'window_start'])
    .executeTakeFirstOrThrow();
  return { allowed: Number(row.failures) <= IP_MAX_FAILURES, retryAt: minutes(new Date(row.window_start), IP_WINDOW_MINUTES) };
}

/** A successful login gives its slot back: only failures count against an address. */
export async function returnIpSlot(db: Executor, ip: string): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ failures: sql<number>`case when failures > 0 then failures - 1 else 0 end` })
    .where('key', '=', ipKey(ip))
    .execute();
}

/**
 * Takes one of the account's attempt slots; false when the account is locked or all slots are
 * taken (by failures, or by checks still running in parallel). A lock that has passed is cleared
 * here and counting starts again at one.
 */
export async function takeAccountSlot(db: Executor, userId: string, now: Date): Promise<boolean> {
  const nowIso = now.toISOString();
  const row = await db
    .updateTable('app_user')
    .set({
      failed_logins: sql<number>`case when locked_until is not null and locked_until <= ${nowIso} then 1 else failed_logins + 1 end`,
      locked_until: null,
    })
    .where('id', '=', userId)
    .where((eb) =>
      eb.or([
        eb.and([eb('locked_until', 'is', null), eb('failed_logins', '<', LOCK_AFTER_FAILURES)]),
        eb('locked_until', '<=', nowIso),
      ]),
    )
    .returning('failed_logins')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * After a failure (or a refusal): when the slots are full and no lock holds yet, lock now.
 * Returns the lock's end when this call set it — exactly one caller does — else null. An
 * existing lock is never moved.
 */
export async function lockIfExhausted(db: Executor, userId: string, now: Date): Promise<string | null> {
  const until = minutes(now, LOCK_MINUTES);
  const row = await db
    .updateTable('app_user')
    .set({ locked_until: until })
    .where('id', '=', userId)
    .where('locked_until', 'is', null)
    .where('failed_logins', '>=', LOCK_AFTER_FAILURES)
    .returning('locked_until')
    .executeTakeFirst();
  return row ? until : null;
}

/** The whole login succeeded: the account's count starts again. */
export async function clearAccountFailures(db: Executor, userId: string): Promise<void> {
  await db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

/** The password was right but a second factor follows: give this attempt's slot back, keep earlier failures. */
export async function returnAccountSlot(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ failed_logins: sql<number>`case when failed_logins > 0 then failed_logins - 1 else 0 end` })
    .where('id', '=', userId)
    .execute();
}
