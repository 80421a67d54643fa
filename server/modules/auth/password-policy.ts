/**
 * The server's password check: the shared rules (common/password-rules.ts) plus the 10,000
 * commonest passwords (common-passwords.txt, shipped as data). A password is refused as common when
 * it, or it with trailing digits and symbols removed, is on the list, case-insensitively — so
 * "Password123!" counts as "password".
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PASSWORD_PROBLEM_TEXT, type PasswordProblem, passwordProblems } from '../../../common/password-rules.js';
import { AppError } from '../../errors.js';

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(fileURLToPath(new URL('./common-passwords.txt', import.meta.url)), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#')),
  );
  return common;
}

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return true;
  const stem = lower.replace(/[\d\W_]+$/u, '');
  return stem.length >= 4 && list.has(stem);
}

/** Every rule the password breaks, in the order the user should read them. */
export function checkPassword(password: string, username?: string): PasswordProblem[] {
  const problems = passwordProblems(password, username);
  if (isCommonPassword(password)) problems.push('too_common');
  return problems;
}

/** Throws a VALIDATION error naming the field and every broken rule, in Chinese. */
export function assertPasswordAcceptable(password: string, username?: string, field = 'password'): void {
  const problems = checkPassword(password, username);
  if (problems.length) {
    throw new AppError('VALIDATION', problems.map((p) => PASSWORD_PROBLEM_TEXT[p]).join('；'), { field });
  }
}
