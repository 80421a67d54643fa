/**
 * The numbers and rules of logging in, in one place: how long a session lives and idles, when an
 * account locks and for how long, how many failures one client address may make, and which roles
 * must use a second factor. 等保 2.0 level 3 asks for login-failure handling, session timeouts and
 * two-factor authentication for administrators; these are the platform's answers.
 */
import type { UserRole } from '../../../common/vocabulary.js';

/** Absolute lifetime of a session, whatever its use. */
export const SESSION_HOURS = 12;
/** A session unused this long ends (TT_SESSION_IDLE_MINUTES). */
export const DEFAULT_IDLE_MINUTES = 30;
/** last_seen_at is written at most this often, so reading pages does not turn into writes. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Wrong passwords (or second-factor codes) in a row that lock an account… */
export const LOCK_AFTER_FAILURES = 5;
/** …for this long; a lock lifts itself, the admin may lift it sooner, failures meanwhile do not extend it. */
export const LOCK_MINUTES = 15;
/** Failed logins one client address may make in a window. */
export const IP_WINDOW_MINUTES = 10;
export const IP_MAX_FAILURES = 20;

/** A half-done login (password checked) waits this long for its second factor… */
export const CHALLENGE_MINUTES = 5;
/** …and takes at most this many codes. */
export const CHALLENGE_MAX_ATTEMPTS = 5;
export const RECOVERY_CODE_COUNT = 10;

/** Roles whose accounts must use TOTP: they move money, verify facts, administer or judge. */
export const TOTP_REQUIRED_ROLES: readonly UserRole[] = ['operator', 'finance', 'admin', 'evaluator'];

/** Demo accounts stay explorable with their password alone; they may still enrol. */
export function totpRequired(roles: readonly UserRole[], isDemo: boolean): boolean {
  return !isDemo && roles.some((r) => TOTP_REQUIRED_ROLES.includes(r));
}

/**
 * What a session may reach: 'full' everything its roles allow; 'must_change' only changing the
 * password (an admin created or reset it); 'enrol' only enrolling TOTP (required, not yet done).
 */
export type SessionStage = 'full' | 'must_change' | 'enrol';

export function parseIdleMinutes(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_IDLE_MINUTES;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > SESSION_HOURS * 60) {
    throw new Error(`TT_SESSION_IDLE_MINUTES 须为 1 到 ${SESSION_HOURS * 60} 之间的整数（分钟），现为「${value}」`);
  }
  return n;
}
