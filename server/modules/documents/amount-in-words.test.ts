import { describe, expect, it } from 'vitest';
import {
  amountInWords,
  amountInWordsWithCurrency,
  formatYuan,
  MAX_AMOUNT_IN_WORDS_FEN,
  sumFen,
  yuanDecimal,
} from './amount-in-words.js';

describe('amountInWords', () => {
  // [fen, expected]; the PBoC examples of 《正确填写票据和结算凭证的基本规定》 are marked.
  const table: Array<[bigint | number, string]> = [
    [0, '零元整'],
    [1, '壹分'],
    [5, '伍分'],
    [10, '壹角整'],
    [11, '壹角壹分'],
    [50, '伍角整'],
    [55, '伍角伍分'],
    [100, '壹元整'],
    [101, '壹元零壹分'],
    [110, '壹元壹角整'],
    [1000, '壹拾元整'],
    [1001, '壹拾元零壹分'],
    [1050, '壹拾元零伍角整'],
    [1005, '壹拾元零伍分'],
    [1100, '壹拾壹元整'],
    [10_000, '壹佰元整'],
    [10_100, '壹佰零壹元整'],
    [11_000, '壹佰壹拾元整'],
    [100_500, '壹仟零伍元整'],
    [100_001, '壹仟元零壹分'],
    [101_000, '壹仟零壹拾元整'],
    [140_950, '壹仟肆佰零玖元伍角整'], // PBoC ¥1,409.50 (整 after 角 per 会计基础工作规范)
    [600_714, '陆仟零柒元壹角肆分'], // PBoC ¥6,007.14
    [168_032, '壹仟陆佰捌拾元零叁角贰分'], // PBoC ¥1,680.32, first form
    [10_700_053, '壹拾万零柒仟元零伍角叁分'], // PBoC ¥107,000.53, 零 at both places (三) allows
    [1_640_902, '壹万陆仟肆佰零玖元零贰分'], // PBoC ¥16,409.02
    [32_504, '叁佰贰拾伍元零肆分'], // PBoC ¥325.04
    [1_234_567, '壹万贰仟叁佰肆拾伍元陆角柒分'],
    [1_000_000, '壹万元整'],
    [1_000_100, '壹万零壹元整'],
    [1_001_000, '壹万零壹拾元整'],
    [1_010_000, '壹万零壹佰元整'],
    [1_100_000, '壹万壹仟元整'],
    [2_000_000, '贰万元整'],
    [10_000_000, '壹拾万元整'],
    [10_000_001, '壹拾万元零壹分'],
    [10_010_000, '壹拾万零壹佰元整'],
    [11_000_000, '壹拾壹万元整'],
    [100_000_000, '壹佰万元整'],
    [100_000_005, '壹佰万元零伍分'],
    [100_000_500, '壹佰万零伍元整'],
    [100_500_000, '壹佰万零伍仟元整'],
    [1_000_000_001, '壹仟万元零壹分'],
    [1_234_567_890, '壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角整'],
    [10_000_000_000, '壹亿元整'],
    [10_000_000_001, '壹亿元零壹分'],
    [10_000_100_000, '壹亿零壹仟元整'],
    [10_001_000_000, '壹亿零壹万元整'],
    [10_100_000_000, '壹亿零壹佰万元整'],
    [11_000_000_000, '壹亿壹仟万元整'],
    [10_000_000_100, '壹亿零壹元整'],
    [20_000_000_000, '贰亿元整'],
    [12_345_678_901, '壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元零壹分'],
    [1_000_000_000_100n, '壹佰亿零壹元整'],
    [10_000_000_000_000n, '壹仟亿元整'],
    [10_000_000_010_000n, '壹仟亿零壹佰元整'],
    [99_999_999_999_999n, '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    [1_234_567n, '壹万贰仟叁佰肆拾伍元陆角柒分'],
  ];

  it.each(table)('%s fen → %s', (fen, words) => {
    expect(amountInWords(fen)).toBe(words);
  });

  it('puts 人民币 in front when asked', () => {
    expect(amountInWordsWithCurrency(100)).toBe('人民币壹元整');
  });

  it('rejects negative amounts with a clear error', () => {
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(-1)).toThrow(/负数.*-1/);
    expect(() => amountInWords(-100n)).toThrow(/负数/);
  });

  it('rejects amounts that are not integer fen, and amounts past 仟亿', () => {
    expect(() => amountInWords(1.5)).toThrow(TypeError);
    expect(() => amountInWords(Number.NaN)).toThrow(/整数/);
    expect(() => amountInWords(2 ** 53)).toThrow(TypeError);
    expect(() => amountInWords(MAX_AMOUNT_IN_WORDS_FEN + 1n)).toThrow(/超出/);
    expect(() => amountInWords(Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
    expect(() => amountInWords('100' as unknown as number)).toThrow(TypeError);
  });

  // Property tests over amounts whose digits are zero half of the time, so runs of zeros fall
  // everywhere: inside sections, across 万, 亿 and 元, at the ends.
  const random = mulberry32(20_230_508);
  const samples: bigint[] = [];
  for (let i = 0; i < 5000; i++) {
    const length = 1 + Math.floor(random() * 14);
    let digits = '';
    for (let d = 0; d < length; d++) digits += random() < 0.5 ? '0' : String(1 + Math.floor(random() * 9));
    samples.push(BigInt(digits));
  }

  it('reads back to the same amount (5000 amounts with many zeros)', () => {
    for (const fen of samples) expect(parseCapital(amountInWords(fen)), `${fen}`).toBe(fen);
  });

  it('writes one 零 for each run of zeros between non-zero digits, and no other 零', () => {
    for (const fen of samples) {
      if (fen === 0n) continue;
      const words = amountInWords(fen);
      const innerZeroRuns = (fen.toString().replace(/^0+|0+$/g, '').match(/0+/g) ?? []).length;
      expect(words.split('零').length - 1, `${fen} → ${words}`).toBe(innerZeroRuns);
    }
  });

  it('never writes 零零, a leading 零, 零 before a unit, or a bare unit', () => {
    for (const fen of samples) {
      const words = amountInWords(fen);
      if (fen === 0n) {
        expect(words).toBe('零元整');
        continue;
      }
      expect(words, `${fen}`).not.toMatch(/零零|^零|零[拾佰仟万亿元角分整]|^[拾佰仟万亿元角分整]|[万亿]{2}|(万|亿)[角分]/);
      expect(words, `${fen}`).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
      // 整 exactly when there is no 分 (ending at 元 or 角).
      expect(words.endsWith('整'), `${fen}`).toBe(fen % 10n === 0n);
      expect(words.includes('元'), `${fen}`).toBe(fen >= 100n);
    }
  });

  it('accepts numbers and bigints alike', () => {
    for (const fen of samples.slice(0, 500)) {
      if (fen <= BigInt(Number.MAX_SAFE_INTEGER)) expect(amountInWords(Number(fen))).toBe(amountInWords(fen));
    }
  });
});

describe('formatYuan and yuanDecimal', () => {
  it.each([
    [0, '0.00', '0.00'],
    [1, '0.01', '0.01'],
    [10, '0.10', '0.10'],
    [100, '1.00', '1.00'],
    [99_999, '999.99', '999.99'],
    [100_000, '1,000.00', '1000.00'],
    [1_234_567, '12,345.67', '12345.67'],
    [100_000_000, '1,000,000.00', '1000000.00'],
    [-5, '-0.05', '-0.05'],
    [-123_456, '-1,234.56', '-1234.56'],
    [Number.MAX_SAFE_INTEGER, '90,071,992,547,409.91', '90071992547409.91'],
    [123_456_789_012_345_678n, '1,234,567,890,123,456.78', '1234567890123456.78'],
  ] as Array<[number | bigint, string, string]>)('%s fen → %s', (fen, formatted, decimal) => {
    expect(formatYuan(fen)).toBe(formatted);
    expect(yuanDecimal(fen)).toBe(decimal);
  });

  it('agrees with Intl grouping for every sample (integer arithmetic only in the code)', () => {
    const random = mulberry32(7);
    for (let i = 0; i < 2000; i++) {
      const fen = Math.floor(random() * 1e13);
      const expected = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 }).format(BigInt(fen) / 100n);
      expect(formatYuan(fen)).toBe(`${expected.slice(0, -3)}.${String(fen % 100).padStart(2, '0')}`);
    }
  });

  it('rejects amounts that are not integer fen', () => {
    expect(() => formatYuan(0.1)).toThrow(TypeError);
  });

  it('sums exactly past 2^53', () => {
    expect(sumFen([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 2n])).toBe(2n ** 54n);
  });
});

/** Reads a capital amount back to fen (a test oracle independent of the writer's zero logic). */
function parseCapital(words: string): bigint {
  const digit: Record<string, bigint> = { 零: 0n, 壹: 1n, 贰: 2n, 叁: 3n, 肆: 4n, 伍: 5n, 陆: 6n, 柒: 7n, 捌: 8n, 玖: 9n };
  const inSection: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n };
  let yuan = 0n; // completed 亿 and 万 parts
  let section = 0n;
  let pending = 0n;
  let fen = 0n;
  for (const ch of words.replace(/整$/, '')) {
    if (ch in digit) pending = digit[ch]!;
    else if (ch in inSection) {
      section += pending * inSection[ch]!;
      pending = 0n;
    } else if (ch === '亿') {
      yuan = (yuan + section + pending) * 100_000_000n;
      section = pending = 0n;
    } else if (ch === '万') {
      yuan += (section + pending) * 10_000n;
      section = pending = 0n;
    } else if (ch === '元') {
      yuan += section + pending;
      section = pending = 0n;
    } else if (ch === '角') {
      fen += pending * 10n;
      pending = 0n;
    } else if (ch === '分') {
      fen += pending;
      pending = 0n;
    } else throw new Error(`unexpected ${ch} in ${words}`);
  }
  return yuan * 100n + fen;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
