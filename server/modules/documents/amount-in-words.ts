/**
 * Money as people read it on official documents: 大写金额 (the financial capital form printed on
 * invoices, payment orders and notices) and yuan digits with thousands separators. Amounts come in
 * as integer fen (a bigint, or a JS number that is a safe integer); no function here uses floating
 * point.
 *
 * The capital form follows the People's Bank of China 《支付结算办法》 (银发〔1997〕393号), 附件一
 * 《正确填写票据和结算凭证的基本规定》, and the Ministry of Finance 《会计基础工作规范》 第五十二条:
 *
 *  - Digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, 元角分, and 整 — never 一二三…十, 毛, 另 or 0.
 *  - Ending at 元 → write 整 after 元 (壹元整). Ending at 角 → the PBoC rule lets 整 be omitted, the
 *    MoF rule asks for it; we write it (伍角整), which satisfies both. Ending at 分 → no 整.
 *  - Zeros (PBoC 附件一 第五条):
 *    (一) a 0 between non-zero digits is written 零: ¥1,409.50 → 壹仟肆佰零玖元伍角;
 *    (二) a run of several 0s between non-zero digits is written as one 零: ¥6,007.14 → 陆仟零柒元壹角肆分;
 *    (三) when the 万 or 元 digit is 0 (possibly inside a longer run) and the next 千 or 角 digit is not,
 *        one 零 may be written or omitted: ¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分 or …捌拾元叁角贰分;
 *        ¥107,000.53 → 壹拾万柒仟元零伍角叁分 or 壹拾万零柒仟元伍角叁分;
 *    (四) when the 角 digit is 0 and the 分 digit is not, 零 must follow 元: ¥16,409.02 → 壹万陆仟肆佰零玖元零贰分.
 *    Where (三) leaves a choice we apply one uniform rule: every run of zeros that lies between two
 *    non-zero digits is written as exactly one 零, wherever it lies (inside a section, across 万 or 亿,
 *    or across 元), and zeros at the end of a section or of the amount are not written. So
 *    ¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分, ¥107,000.53 → 壹拾万零柒仟元零伍角叁分, ¥1,000,000.05 →
 *    壹佰万元零伍分. Every result is one of the forms the rules allow, and the stricter one against
 *    alteration.
 *  - A section (万, 亿) whose four digits are all zero gets no unit: ¥100,001,000 → 壹亿零壹仟元整.
 *  - Amounts under one yuan have no 元 and no leading 零: ¥0.50 → 伍角整, ¥0.05 → 伍分; zero is 零元整.
 *  - The form carries no currency name; rule 三 asks for 人民币 in front on 票据, which the documents
 *    add where the text stands alone (see `amountInWordsWithCurrency`).
 *
 * Range: 0 to 999,999,999,999.99 yuan (10^14 − 1 fen; units up to 仟亿). Larger amounts need the
 * 万亿 unit, which no subsidy document reaches; they are rejected.
 */

/** Capital digits 0–9, by position. */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
/** Unit of a digit inside its four-digit section (ones, tens, hundreds, thousands). */
const IN_SECTION = ' 拾佰仟';
/** Unit after a whole section: 元 section (none), 万 section, 亿 section. */
const SECTION = ' 万亿';

/** The largest amount the capital form here covers, in fen: 999,999,999,999.99 yuan. */
export const MAX_AMOUNT_IN_WORDS_FEN = 10n ** 14n - 1n;

/** An amount in integer fen, as a bigint or a safe-integer number. */
export type FenInput = bigint | number;

/** Checks and converts an amount in fen to bigint; throws a TypeError/RangeError naming the value. */
export function toFen(amount: FenInput): bigint {
  if (typeof amount === 'bigint') return amount;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    throw new TypeError(`金额必须是以分为单位的安全整数：${String(amount)} (amount must be integer fen)`);
  }
  return BigInt(amount);
}

/**
 * 大写金额 of an amount in fen: 1234567 → 壹万贰仟叁佰肆拾伍元陆角柒分, 0 → 零元整.
 * Throws a RangeError for negative amounts and for amounts above `MAX_AMOUNT_IN_WORDS_FEN`.
 */
export function amountInWords(amount: FenInput): string {
  const fen = toFen(amount);
  if (fen < 0n) throw new RangeError(`大写金额不能为负数：${fen} 分 (negative amount)`);
  if (fen > MAX_AMOUNT_IN_WORDS_FEN) {
    throw new RangeError(`金额超出大写范围（最大 999,999,999,999.99 元）：${fen} 分 (amount too large)`);
  }
  if (fen === 0n) return '零元整';

  const yuan = fen / 100n;
  const jiao = Number((fen / 10n) % 10n);
  const cents = Number(fen % 10n);

  let out = '';
  // A run of zeros seen after a non-zero digit, not yet written: becomes one 零 before the next
  // non-zero digit, and is dropped if no non-zero digit follows.
  let pendingZero = false;
  let seenNonZero = false;

  if (yuan > 0n) {
    const digits = yuan.toString();
    const top = digits.length - 1;
    let sectionHasDigit = false;
    for (let i = 0; i <= top; i++) {
      const position = top - i; // 0 = 元 digit
      const digit = Number(digits[i]);
      if (digit === 0) {
        if (seenNonZero) pendingZero = true;
      } else {
        if (pendingZero) out += '零';
        pendingZero = false;
        out += DIGITS.charAt(digit) + IN_SECTION.charAt(position % 4).trim();
        seenNonZero = true;
        sectionHasDigit = true;
      }
      if (position % 4 === 0) {
        if (sectionHasDigit) out += SECTION.charAt(position / 4).trim();
        sectionHasDigit = false;
      }
    }
    out += '元';
  }

  for (const [digit, unit] of [
    [jiao, '角'],
    [cents, '分'],
  ] as const) {
    if (digit === 0) {
      if (seenNonZero) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS.charAt(digit) + unit;
    seenNonZero = true;
  }

  return cents === 0 ? `${out}整` : out;
}

/** 大写金额 with the currency name in front, as rule 三 asks where it is not pre-printed: 人民币壹元整. */
export function amountInWordsWithCurrency(amount: FenInput): string {
  return `人民币${amountInWords(amount)}`;
}

/**
 * Yuan with exactly two decimals and no separators, from fen: 1234567 → "12345.67", -5 → "-0.05".
 * The exact decimal text of an amount (for spreadsheets and machine-readable fields).
 */
export function yuanDecimal(amount: FenInput): string {
  const fen = toFen(amount);
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * Yuan with thousands separators and two decimals, from fen: 1234567 → "12,345.67",
 * 100000000 → "1,000,000.00", -123456 → "-1,234.56".
 */
export function formatYuan(amount: FenInput): string {
  const decimal = yuanDecimal(amount);
  const sign = decimal.startsWith('-') ? '-' : '';
  const [whole = '', fraction = ''] = decimal.slice(sign.length).split('.');
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** Sums amounts in fen exactly. */
export function sumFen(amounts: Iterable<FenInput>): bigint {
  let total = 0n;
  for (const amount of amounts) total += toFen(amount);
  return total;
}
