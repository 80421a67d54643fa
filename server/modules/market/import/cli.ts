/** What the `techtransfer import|export achievements|demands FILE` commands call. */
import fs from 'node:fs';
import path from 'node:path';
import type { ListingKind } from '../../../../common/market-vocabulary.js';
import type { Ctx } from '../../../context.js';
import { AppError } from '../../../errors.js';
import type { ImportCounts } from '../../registry/import/import-table.js';
import { exportListingsToFile } from './listings-export.js';
import { importListings, listingFormatOf } from './listings-import.js';

export const MARKET_FILE_KINDS = ['achievements', 'demands'] as const;
export type MarketFileKind = (typeof MARKET_FILE_KINDS)[number];
const KIND: Record<MarketFileKind, ListingKind> = { achievements: 'achievement', demands: 'demand' };

export function isMarketFileKind(kind: string): kind is MarketFileKind {
  return (MARKET_FILE_KINDS as readonly string[]).includes(kind);
}

export async function importMarketFile(ctx: Ctx, kind: MarketFileKind, file: string, progress: (done: number, total: number) => void = () => {}): Promise<ImportCounts> {
  const format = listingFormatOf(file);
  if (!fs.existsSync(file)) throw new AppError('VALIDATION', `文件不存在：${file}`, { field: 'file' });
  return importListings(ctx, KIND[kind], fs.readFileSync(file), format, (done, total, phase) => {
    if (phase === 'writing') progress(done, total);
  });
}

export async function exportMarketFile(ctx: Ctx, kind: MarketFileKind, file: string): Promise<{ rows: number }> {
  const format = listingFormatOf(file);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return exportListingsToFile(ctx, KIND[kind], format, file);
}
