import { AppError } from '../../errors.js';

export interface InputIssue {
  /** Where inside the file, e.g. `contracts[0].payments[1].date`; empty for the whole file. */
  path: string;
  reason: string;
}

/**
 * A malformed case or policy file. The message names the file, the path inside it and what is
 * wrong; every issue found is in `issues` (and in `details` for the common CLI printer).
 */
export class SubsidyInputError extends AppError {
  constructor(
    readonly file: string,
    readonly issues: InputIssue[],
  ) {
    super(
      'VALIDATION',
      issues.map((i) => `${file}${i.path ? `：${i.path}` : ''}：${i.reason}`).join('\n'),
      { details: issues.map((i) => ({ field: i.path, reason: i.reason })) },
    );
    this.name = 'SubsidyInputError';
  }
}

/** Formats a zod/JS path as `contracts[0].payments[1].date` (keys with dots in brackets). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const k = String(key);
      out += /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? (out ? `.${k}` : k) : `[${JSON.stringify(k)}]`;
    }
  }
  return out;
}
