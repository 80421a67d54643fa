/**
 * The one-time password an admin hands over (a new account, a reset): 12 letters and digits in three
 * groups (Kp7m-Xq4r-Zt9w), without look-alikes (0/O, 1/l/I), so it reads out over the phone. It meets
 * the password rules itself (four classes, 14 characters), from the operating system's CSPRNG.
 */
import crypto from 'node:crypto';
import { TEMPORARY_PASSWORD_HOURS } from '../../../common/users-api.js';
import { checkPassword } from '../auth/password-policy.js';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const ALL = UPPER + LOWER + DIGITS;

const pick = (set: string) => set[crypto.randomInt(set.length)]!;

export function generateOneTimePassword(username: string): string {
  for (;;) {
    const chars = Array.from({ length: 12 }, () => pick(ALL));
    const password = `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
    if (/[A-Z]/.test(password) && /[a-z]/.test(password) && /\d/.test(password) && checkPassword(password, username).length === 0) return password;
  }
}

export function temporaryPasswordExpiry(now: Date): string {
  return new Date(now.getTime() + TEMPORARY_PASSWORD_HOURS * 3600_000).toISOString();
}
