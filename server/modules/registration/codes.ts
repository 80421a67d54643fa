/**
 * The secrets a registration hands out — the query code of an application, a colleague's invitation
 * code — and the human number of an application. A code is 12 characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L), shown in groups of four (60 bits: guessing it is hopeless within the
 * per-address limits); only its SHA-256 is stored, so a database copy reveals none.
 */
import crypto from 'node:crypto';
import { chinaDate } from '../../../common/dates.js';
import type { Executor } from '../../context.js';

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // 31 characters
const CODE_LENGTH = 12;

export function newSecretCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** What a person typed, as the code it stands for: spaces, dashes and case do not matter. */
export function normalizeSecretCode(input: string): string {
  const bare = input.replace(/[\s-]+/g, '').toUpperCase();
  return bare.length === CODE_LENGTH ? `${bare.slice(0, 4)}-${bare.slice(4, 8)}-${bare.slice(8)}` : bare;
}

export function hashSecret(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export function hashSecretCode(input: string): string {
  return hashSecret(normalizeSecretCode(input));
}

/** 申请编号: ZC, the Beijing date, and the day's sequence — ZC202606010001. */
export async function nextRegistrationNumber(db: Executor, now: Date): Promise<string> {
  const prefix = `ZC${chinaDate(now).replaceAll('-', '')}`;
  const last = await db
    .selectFrom('unit_registration')
    .select((eb) => eb.fn.max('number').as('number'))
    .where('number', '>=', prefix)
    .where('number', '<', `${prefix}~`)
    .executeTakeFirst();
  const n = last?.number ? Number(String(last.number).slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(4, '0')}`;
}

/** Two applications submitted in the same instant took the same number: the loser retries. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
