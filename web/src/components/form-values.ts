/**
 * Form values → API bodies. Strings are trimmed and empty ones dropped; list rows left
 * entirely empty are dropped. A PATCH carries only the fields that changed; a field the user
 * emptied is sent as `null` (the contract does not yet say how to clear an optional field).
 */

export function clean(value: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  if (Array.isArray(value)) {
    return value.map(clean).filter((item) => item !== undefined);
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const cleaned = clean(inner);
      if (cleaned !== undefined) out[key] = cleaned;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value === null ? undefined : value;
}

export function cleanRecord<T extends object>(values: T): Partial<T> {
  return (clean(values) as Partial<T> | undefined) ?? {};
}

/**
 * Adds the list fields to a non-empty PATCH even when unchanged. The input schemas give lists a
 * `.default([])`, and zod 4 applies defaults inside `.partial()`, so a PATCH that leaves a list
 * out would empty it on the server.
 */
export function withLists(patch: Record<string, unknown>, previous: Record<string, unknown>, lists: readonly string[]): Record<string, unknown> {
  if (Object.keys(patch).length === 0) return patch;
  const out = { ...patch };
  for (const field of lists) if (!(field in out)) out[field] = previous[field] ?? [];
  return out;
}

/** The fields of `next` that differ from `previous`; emptied fields become null. */
export function changes(previous: Record<string, unknown>, next: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const before = previous[field];
    const after = next[field];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    if (after === undefined) {
      if (before === undefined) continue;
      out[field] = Array.isArray(before) ? [] : null;
    } else {
      out[field] = after;
    }
  }
  return out;
}
