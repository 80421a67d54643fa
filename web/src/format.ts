/** Display helpers shared by pages. Business dates stay `YYYY-MM-DD` strings. */
import dayjs from 'dayjs';
import { chinaDate } from '../../common/dates.js';

export const EMPTY = '—';

export function today(): string {
  return chinaDate(new Date());
}

/** Beijing time whatever the browser's zone: the platform's records are Chinese government records. */
const BEIJING = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : BEIJING.format(d);
}

export function text(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? EMPTY : String(value);
}

export function formatPercent(percent: number): string {
  return `${Number(percent.toFixed(2))}%`;
}

/** How the server writes "valid until revoked" (recognitions without an end). */
export const INDEFINITE = '9999-12-31';

export type ValidityState = 'valid' | 'expired' | 'notYet';

export function validity(from: string, until: string | null | undefined, on: string = today()): ValidityState {
  if (from > on) return 'notYet';
  if (until && until < on) return 'expired';
  return 'valid';
}

/**
 * The filter prefix of a 6-digit division code: 410000 → 41 (province), 410400 → 4104 (city),
 * 410411 → 410411 (county).
 */
export function divisionPrefix(code: string): string {
  let prefix = code;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

/** `dayjs` ↔ `YYYY-MM-DD` for antd DatePicker inside a Form.Item whose store holds strings. */
export const dateItem = {
  getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value) : undefined }),
  normalize: (value: dayjs.Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined),
};

// ——— money: integer fen in, text out; no floating point ———

/** 123456789 → "1,234,567.89" (yuan with two decimals, thousands grouped). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return EMPTY;
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123456 → "1234.56": the text a yuan input starts from. */
export function fenToYuanText(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "1,234.5" / "1234" / "１２" → fen; null unless a non-negative amount in yuan with at most 2 decimals. */
export function parseYuan(input: string): number | null {
  const cleaned = input
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '')
    .replace(/元$/, '');
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}
