/** Helpers the contract import kinds share: money cells, list cells, and use-case errors as row errors. */
import { z } from 'zod';
import { AppError, type ErrorDetail } from '../../../errors.js';
import { parseYuan } from '../money.js';

/** A money cell in yuan (≤ 2 decimals) becomes fen; anything else stays text for the schema to reject. */
export function yuanCell(text: string | undefined): number | string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return parseYuan(text) ?? text;
}

export const yuanField = z
  .number({ message: '金额应以元为单位，最多两位小数，如 120000 或 120000.50' })
  .int()
  .min(0, { message: '金额不能为负数' });

/** Splits "a:b:c; d:e" into parts (colon may be full-width). */
export function splitPairs(text: string | undefined): string[][] {
  if (!text) return [];
  return text
    .split(/[;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.split(/[:：]/).map((x) => x.trim()));
}

/**
 * Turns an error a use case threw for one row into that row's report line: the field it names is
 * mapped to the file's column. Anything else is rethrown.
 */
export function rowError(error: unknown, line: number, columnOf: (field: string) => string, valueOf: (field: string) => string | undefined): ErrorDetail {
  if (error instanceof AppError && (error.code === 'VALIDATION' || error.code === 'CONFLICT')) {
    const field = error.options.field ?? '';
    return { line, column: columnOf(field), value: valueOf(field), reason: error.message };
  }
  throw error;
}
