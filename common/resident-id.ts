/**
 * Resident identity card number (公民身份号码), GB 11643-1999: 6-digit address code,
 * 8-digit birth date, 3-digit sequence, 1 check character (0–9 or X, ISO 7064 MOD 11-2).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type ResidentIdResult =
  | { ok: true; id: string; birthDate: string; divisionCode: string }
  | { ok: false; problem: 'format' | 'birth_date' | 'check_character'; message: string };

export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function checkResidentId(input: string): ResidentIdResult {
  const id = input.replace(/\s+/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, problem: 'format', message: '应为18位：17位数字加1位数字或X' };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1850 || date.getTime() > Date.now() || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, problem: 'birth_date', message: `出生日期${id.slice(6, 14)}无效` };
  }
  const check = residentIdCheckCharacter(id.slice(0, 17));
  if (check !== id[17]) {
    return { ok: false, problem: 'check_character', message: `校验位错误（应为${check}）` };
  }
  return {
    ok: true,
    id,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    divisionCode: id.slice(0, 6),
  };
}

/** Shows the first 6 and last 4 characters only: 410411********123X. */
export function maskResidentId(id: string): string {
  return id.length < 10 ? '*'.repeat(id.length) : id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/** Builds a valid ID number; demo data and benchmarks only. */
export function buildResidentId(divisionCode: string, birth: string, sequence3: string): string {
  const first17 = divisionCode + birth.replace(/-/g, '') + sequence3;
  return first17 + residentIdCheckCharacter(first17);
}
