/**
 * Exact numbers for the subsidy engine: rationals over BigInt, and the parsing of the decimal
 * numbers case and policy files carry (yuan with up to 2 decimals, percentages, shares).
 * No floating point touches money.
 */

export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  // A temporary, not `[a, b] = [b, a % b]`: that makes an array per step (tens of thousands of awards each reduce several).
  while (b !== 0n) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

export function rat(num: bigint, den: bigint = 1n): Rational {
  // Whole numbers (most fen amounts) are already in lowest terms.
  if (den === 1n) return { num, den };
  if (den === 0n) throw new Error('rational: zero denominator');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

export const ZERO = rat(0n);
export const add = (a: Rational, b: Rational): Rational => rat(a.num * b.den + b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rat(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational): Rational => rat(a.num * b.den, a.den * b.num);
export const cmp = (a: Rational, b: Rational): number => {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
/** Floor towards minus infinity. */
export function floor(a: Rational): bigint {
  const q = a.num / a.den;
  return a.num < 0n && q * a.den !== a.num ? q - 1n : q;
}
export function ratToString(a: Rational): string {
  return a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`;
}
/** A rational as a short decimal when it is one (10, 8.5), else "num/den". */
export function ratToDisplay(a: Rational): string | number {
  let den = a.den;
  let twos = 0;
  let fives = 0;
  while (den % 2n === 0n) (den /= 2n), twos++;
  while (den % 5n === 0n) (den /= 5n), fives++;
  if (den !== 1n) return ratToString(a);
  const places = Math.max(twos, fives);
  const scaled = (a.num * 10n ** BigInt(places)) / a.den;
  const n = Number(scaled) / 10 ** places;
  return Number.isSafeInteger(Number(scaled)) ? n : ratToString(a);
}

/**
 * Parses a plain decimal (a YAML number or string such as `450000`, `1234.56`, `8.5`) into an
 * exact rational, allowing at most `maxDecimals` decimals. Returns a Chinese reason on failure.
 */
export function parseDecimal(value: unknown, maxDecimals: number): { ok: true; value: Rational } | { ok: false; reason: string } {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: '不是有限数值' };
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return { ok: false, reason: '数值过大，请写成带引号的字符串' };
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return { ok: false, reason: `应为数字，实际为${value === null ? '空值' : typeof value}` };
  }
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { ok: false, reason: `“${text}”不是十进制数` };
  const decimals = (m[3] ?? '').replace(/0+$/, '');
  if (decimals.length > maxDecimals) return { ok: false, reason: `“${text}”最多${maxDecimals}位小数` };
  const den = 10n ** BigInt(decimals.length);
  const num = BigInt(m[2]! + decimals) * (m[1] === '-' ? -1n : 1n);
  return { ok: true, value: rat(num, den) };
}

/** Yuan (up to 2 decimals) → integer fen. */
export function parseYuanToFen(value: unknown): { ok: true; value: bigint } | { ok: false; reason: string } {
  const r = parseDecimal(value, 2);
  if (!r.ok) return r;
  return { ok: true, value: (r.value.num * 100n) / r.value.den };
}

/** A fen amount for JSON: a number while it is exact, else a string. */
export function fenJson(fen: bigint): number | string {
  const n = Number(fen);
  return Number.isSafeInteger(n) ? n : fen.toString();
}
