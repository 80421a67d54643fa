/**
 * Published listings leave the market by themselves when their time is up: an achievement the day
 * after its expires_on, a demand the day after its deadline. `expireListings` does it for one
 * "today" (tests pass a fixed date); the server runs it at start and then daily
 * (`startListingExpiry`). Each expiry is a workflow step, audited, and taken out of the index —
 * all in one transaction.
 */
import { chinaDate } from '../../../common/dates.js';
import type { ListingKind } from '../../../common/market-vocabulary.js';
import { type Clock, type Ctx, inTransaction, systemActor } from '../../context.js';
import type { DbHandle } from '../../db/create-db.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import type { DataProtector } from '../registry/protect.js';
import { removeDocuments } from '../search/index-writer.js';
import { EXPIRY_COLUMN } from './repo.js';

export interface ExpiryResult {
  achievement: number;
  demand: number;
}

export async function expireListings(ctx: Ctx, today: string = chinaDate(ctx.clock.now())): Promise<ExpiryResult> {
  return inTransaction(ctx, async (trx) => {
    const result: ExpiryResult = { achievement: 0, demand: 0 };
    const now = ctx.clock.now().toISOString();
    for (const kind of ['achievement', 'demand'] as ListingKind[]) {
      const column = EXPIRY_COLUMN[kind] as 'expires_on';
      const due = await trx
        .selectFrom(kind as 'achievement')
        .select(['id', 'version', column])
        .where('status', '=', 'published')
        .where(column, 'is not', null)
        .where(column, '<', today)
        .execute();
      if (due.length === 0) continue;
      for (const row of due) {
        await trx
          .updateTable(kind as 'achievement')
          .set({ status: 'expired', status_reason: null, updated_at: now, version: row.version + 1 })
          .where('id', '=', row.id)
          .execute();
        const last = await trx
          .selectFrom('listing_step')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('listing_kind', '=', kind)
          .where('listing_id', '=', row.id)
          .executeTakeFirst();
        await trx.insertInto('listing_step').values({
          id: newId(), listing_kind: kind, listing_id: row.id, seq: Number(last?.seq ?? 0) + 1, from_status: 'published', to_status: 'expired', at: now,
          actor_name: ctx.actor.name, reason: `${kind === 'achievement' ? '有效期' : '截止日期'} ${row[column]} 已过`,
        }).execute();
      }
      await audit(
        trx,
        ctx,
        ...due.map((row) => ({
          action: 'market.listing.expire',
          subjectType: kind,
          subjectId: row.id,
          before: { status: 'published', version: row.version },
          after: { status: 'expired', version: row.version + 1, [kind === 'achievement' ? 'expiresOn' : 'deadline']: row[column] },
        })),
      );
      await removeDocuments(trx, ctx.dialect, kind, due.map((r) => r.id));
      result[kind] = due.length;
    }
    return result;
  });
}

const DAY_MS = 24 * 3600_000;

/** Runs expireListings now and then every day; the timer never keeps the process alive. Returns a stop function. */
export function startListingExpiry(handle: DbHandle, clock: Clock, protector: DataProtector, log: (line: string) => void = () => {}): () => void {
  const ctx: Ctx = {
    db: handle.db, dialect: handle.dialect, actor: systemActor('000000', 'system:listing-expiry'), ip: null, clock, protector, sqlite: handle.sqlite,
  };
  const run = () => {
    expireListings(ctx)
      .then((r) => {
        if (r.achievement || r.demand) log(`market: expired ${r.achievement} achievements, ${r.demand} demands`);
      })
      .catch((error: unknown) => log(`market: expiry failed: ${(error as Error).message}`));
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
