import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { awardNoticePdf } from './award-notice.js';
import { paymentListPdf } from './payment-list.js';
import { parsePdf } from './pdf-test-support.js';
import { chinaMidnight, chineseDate, FONT_PACKAGE, packagedFonts } from './pdf-writer.js';
import { publicNoticePdf } from './public-notice.js';
import { sampleAward, sampleNotice, samplePaymentList } from './sample-documents.js';

describe('the packaged CJK font', () => {
  it('is installed with npm ci: Noto Sans SC regular and bold TrueType files', () => {
    const fonts = packagedFonts();
    for (const file of [fonts.regular, fonts.bold]) {
      expect(file).toContain(FONT_PACKAGE);
      expect(fs.existsSync(file), file).toBe(true);
      expect(fs.readFileSync(file).readUInt32BE(0)).toBe(0x00010000); // sfnt version of a TrueType font
    }
  });

  it('a missing font file fails the document with an error naming the font and its package', async () => {
    const fonts = { regular: '/nonexistent/NotoSansSC_400Regular.ttf', bold: packagedFonts().bold };
    for (const build of [
      () => publicNoticePdf(sampleNotice(2), { fonts }),
      () => paymentListPdf(samplePaymentList(2), { fonts }),
      () => awardNoticePdf(sampleAward(), { fonts }),
    ]) {
      await expect(build()).rejects.toThrow(/Noto Sans SC.*\/nonexistent\/NotoSansSC_400Regular\.ttf.*@expo-google-fonts\/noto-sans-sc/);
    }
  });
});

describe('every PDF', () => {
  const builders = {
    notice: () => publicNoticePdf(sampleNotice()),
    payment: () => paymentListPdf(samplePaymentList()),
    award: () => awardNoticePdf(sampleAward()),
  };
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(Object.entries(builders))('%s embeds subset Noto Sans SC as TrueType with a ToUnicode map, and no other font', async (_, build) => {
    const data = await build();
    expect(data.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const pdf = parsePdf(data);
    expect(pdf.fonts.map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
    for (const font of pdf.fonts) {
      expect(font.baseFont).toMatch(/^[A-Z]{6}\+NotoSansSC-/); // a subset
      expect(font.subtype).toBe('Type0');
      expect(font.embedded).toBe('FontFile2');
      expect(font.toUnicode.size).toBeGreaterThan(20);
    }
    expect(data.toString('latin1')).not.toMatch(/Helvetica|Times-Roman|Courier/);
    expect(pdf.pages.join('')).not.toContain('\uFFFD');
  });

  it.each(Object.entries(builders))('%s is the same bytes whenever it is built (dates from the input)', async (_, build) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T08:00:00Z'));
    const first = await build();
    vi.setSystemTime(new Date('2031-07-15T12:34:56Z'));
    const second = await build();
    expect(second.equals(first)).toBe(true);
  });

  it('carries the title, issuer and the input date as metadata', async () => {
    const pdf = parsePdf(await awardNoticePdf(sampleAward()));
    const strings = [...pdf.objects.values()].map((o) => o.dict).join('\n');
    expect(strings).toContain('(D:20230519160000Z)'); // 2023-05-20 00:00 in China
    expect(pdf.info).toMatch(/\/Title \d+ 0 R/);
    expect(chinaMidnight('2023-05-20').toISOString()).toBe('2023-05-19T16:00:00.000Z');
  });
});

describe('dates', () => {
  it('are written the Chinese way and validated', () => {
    expect(chineseDate('2023-05-08')).toBe('2023年5月8日');
    expect(chineseDate('2024-12-31')).toBe('2024年12月31日');
    expect(() => chineseDate('2023-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => chineseDate('2023/05/08')).toThrow(RangeError);
  });
});

const DEBIAN_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

describe('another font', () => {
  it.runIf(fs.existsSync(DEBIAN_CJK))('can be a font inside a collection, such as Debian’s Noto Sans CJK (when installed)', async () => {
    const fonts = {
      regular: { file: DEBIAN_CJK, name: 'NotoSansCJKsc-Regular' },
      bold: { file: DEBIAN_CJK.replace('Regular', 'Bold'), name: 'NotoSansCJKsc-Bold' },
    };
    const pdf = parsePdf(await awardNoticePdf(sampleAward(), { fonts }));
    expect(pdf.fonts.map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoSansCJKsc-Bold', 'NotoSansCJKsc-Regular']);
    expect(pdf.pages.join('').replace(/\s+/g, '')).toContain('人民币壹万贰仟叁佰肆拾伍元陆角柒分');
  });
});
