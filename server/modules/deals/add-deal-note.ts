/** A note on a deal: what happened, the next step and when it is due. Audited with the deal. */
import type { DealNote } from '../../../common/deal-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { loadDealFor } from './access.js';
import { presentNotes } from './present.js';
import type { DealNoteRow } from './repo.js';
import { insertNote } from './repo.js';
import type { DealNoteInput } from './schema.js';

export async function addDealNote(ctx: Ctx, dealId: string, input: DealNoteInput): Promise<DealNote> {
  return inTransaction(ctx, async (trx) => {
    await loadDealFor(trx, ctx.actor, 'deals.deal.update', dealId);
    const row: DealNoteRow = {
      id: newId(), deal_id: dealId, text: input.text, next_step: input.nextStep ?? null, due_on: input.dueOn ?? null,
      author_user_id: ctx.actor.id, author_name: ctx.actor.name, created_at: ctx.clock.now().toISOString(),
    };
    await insertNote(trx, row);
    await audit(trx, ctx, {
      action: 'deals.deal.update', subjectType: 'deal', subjectId: dealId,
      after: { note: { id: row.id, text: row.text, nextStep: row.next_step, dueOn: row.due_on } },
    });
    return presentNotes([row])[0]!;
  });
}
