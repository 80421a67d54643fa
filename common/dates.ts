/** Business dates are `YYYY-MM-DD` strings; instants are ISO-8601 UTC strings. */

export type IsoDate = string;

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Today in China (Asia/Shanghai, UTC+8 with no daylight saving) from an instant. */
export function chinaDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Adds whole years, clamping 29 Feb to 28 Feb. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** An instant as Beijing wall-clock time, "2026-12-02 22:45" (with seconds when asked): what a person reads (UTC+8, no daylight saving). */
export function beijingDateTime(instant: Date | string, withSeconds = false): string {
  const t = typeof instant === 'string' ? new Date(instant) : instant;
  return new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, withSeconds ? 19 : 16).replace('T', ' ');
}
