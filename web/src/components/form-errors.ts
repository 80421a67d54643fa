/**
 * Puts the server's validation answer onto an antd Form: `error.field` + `error.message`,
 * and each of `error.details` that names a field (`path: ['contacts', 0, 'phone']`, or
 * `field: 'contacts.0.phone'`). Whatever names no field of the form is returned for a
 * form-level message.
 */
import type { FormInstance } from 'antd';
import { isApiError } from '../api.js';

type NamePath = (string | number)[];

function toPath(raw: unknown): NamePath | null {
  if (Array.isArray(raw)) {
    const path = raw.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
    return path.length ? path : null;
  }
  if (typeof raw === 'string' && raw) {
    return raw.split(/[.[\]]+/).filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  }
  return null;
}

function detailMessage(detail: Record<string, unknown>): string | null {
  for (const key of ['message', 'reason']) {
    if (typeof detail[key] === 'string' && detail[key]) return detail[key] as string;
  }
  return null;
}

export function applyServerErrors(form: FormInstance, error: unknown, fields: readonly string[]): string[] {
  if (!isApiError(error)) return [error instanceof Error ? error.message : String(error)];
  const perField = new Map<string, { name: NamePath; errors: string[] }>();
  const leftover: string[] = [];
  const put = (name: NamePath | null, message: string) => {
    if (name && typeof name[0] === 'string' && fields.includes(name[0])) {
      const key = JSON.stringify(name);
      const entry = perField.get(key) ?? { name, errors: [] };
      if (!entry.errors.includes(message)) entry.errors.push(message);
      perField.set(key, entry);
    } else if (!leftover.includes(message)) {
      leftover.push(message);
    }
  };
  for (const raw of error.details) {
    if (!raw || typeof raw !== 'object') continue;
    const detail = raw as Record<string, unknown>;
    const message = detailMessage(detail);
    if (!message) continue;
    put(toPath(detail.path ?? detail.field ?? detail.column), message);
  }
  // The headline names one field: show it there unless the details already placed errors.
  if (error.field && perField.size === 0) put(toPath(error.field), error.message);
  if (perField.size === 0 && leftover.length === 0) leftover.push(error.message);
  form.setFields([...perField.values()]);
  return leftover;
}
