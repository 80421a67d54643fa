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
