/**
 * Text that no field may hold: NUL and the other C0 control characters (tab, line feed and carriage
 * return excepted), DEL, the C1 controls, and UTF-16 surrogates standing alone. PostgreSQL cannot
 * store a NUL at all and answered with a 500; SQLite stored it silently; a lone surrogate became
 * U+FFFD somewhere down the line. One check at the HTTP boundary refuses them all with a 400 naming
 * the field, before any route sees the input.
 */
import { AppError } from '../errors.js';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function describe(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code === 0) return '空字符（NUL）';
  if (code >= 0xd800 && code <= 0xdfff) return '不成对的代理字符（无效的 Unicode）';
  return `控制字符（U+${code.toString(16).toUpperCase().padStart(4, '0')}）`;
}

/** The reason a string is refused, or null when it is fine. */
export function badTextReason(text: string): string | null {
  const m = FORBIDDEN.exec(text);
  return m ? `含有不允许的${describe(m[0])}` : null;
}

/** The first string (key or value) in `value` that holds a forbidden character: its dotted path and the reason. */
export function findBadText(value: unknown, path = ''): { field: string; reason: string } | null {
  if (typeof value === 'string') {
    const reason = badTextReason(value);
    return reason ? { field: path, reason } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (Buffer.isBuffer(value)) return null;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const childPath = Array.isArray(value) ? `${path}${path ? '.' : ''}${key}` : path ? `${path}.${key}` : key;
    const keyReason = badTextReason(key);
    if (keyReason) return { field: childPath, reason: `字段名${keyReason}` };
    const found = findBadText(child, childPath);
    if (found) return found;
  }
  return null;
}

const PLACE = { body: '请求体', query: '查询参数', params: '路径参数' } as const;

/** Throws a 400 naming the field when `value` (a request's body, query or params) holds forbidden text. */
export function assertCleanText(value: unknown, place: keyof typeof PLACE, fallbackField?: string): void {
  const found = findBadText(value);
  if (!found) return;
  const field = found.field || fallbackField || place;
  throw new AppError('VALIDATION', `${PLACE[place]}字段 ${field} ${found.reason}`, { field });
}
