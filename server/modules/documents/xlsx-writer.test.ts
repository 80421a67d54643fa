import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { yuanDecimal } from './amount-in-words.js';
import { amountCell, MAX_CELL_FEN, pinZipTimes, workbookBuffer } from './xlsx-writer.js';
import { loadWorkbook } from './xlsx-test-support.js';

describe('amountCell', () => {
  it('is the number whose two-decimal text is the exact amount, up to 15 significant digits', () => {
    const samples = [0n, 1n, 5n, 10n, 99n, 101n, 123_456_789n, 100_000_000_000_005n, MAX_CELL_FEN, -MAX_CELL_FEN];
    for (let fen = 1n; fen < 10n ** 15n; fen = fen * 7n + 3n) samples.push(fen);
    for (const fen of samples) {
      const value = amountCell(fen);
      expect(value.toFixed(2), `${fen}`).toBe(yuanDecimal(fen));
      expect(String(value), `${fen}`).toBe(yuanDecimal(fen).replace(/\.?0+$/, '') || '0');
    }
    expect(() => amountCell(MAX_CELL_FEN + 1n)).toThrow(RangeError);
  });
});

describe('pinZipTimes', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sets every entry to the document date and leaves the workbook readable', async () => {
    const spec = {
      name: '表',
      title: '标题',
      facts: [],
      columns: [{ header: '金额', width: 10, kind: 'amount' as const }],
      rows: [[123n]],
      total: [123n],
    };
    const data = await workbookBuffer([spec], { title: '标题', issuer: '单位', date: '2024-02-29' });
    const dosDate = ((2024 - 1980) << 9) | (2 << 5) | 29;
    let entries = 0;
    for (let at = data.indexOf('PK\x03\x04', 0, 'latin1'); at >= 0; at = data.indexOf('PK\x03\x04', at + 4, 'latin1')) {
      expect(data.readUInt16LE(at + 10)).toBe(0);
      expect(data.readUInt16LE(at + 12)).toBe(dosDate);
      entries++;
    }
    expect(entries).toBeGreaterThan(5);
    const sheet = (await loadWorkbook(data)).getWorksheet('表')!;
    expect(sheet.getCell('A3').value).toBe(1.23);
    expect(pinZipTimes(data, new Date('2024-02-28T16:00:00Z')).equals(data)).toBe(true);
  });

  it('refuses what is not a zip', () => {
    expect(() => pinZipTimes(Buffer.from('not a zip'), new Date())).toThrow(/zip/);
  });

  it('gives a workbook exceljs wrote at another time the same bytes', async () => {
    const build = async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('甲').addRow(['乙']);
      workbook.created = workbook.modified = new Date('2023-05-07T16:00:00Z');
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const when = new Date('2023-05-07T16:00:00Z');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T08:00:00Z'));
    const first = await build();
    vi.setSystemTime(new Date('2031-07-15T12:34:56Z'));
    const second = await build();
    expect(second.equals(first)).toBe(false); // exceljs alone stamps the time of writing
    expect(pinZipTimes(second, when).equals(pinZipTimes(first, when))).toBe(true);
  });
});
