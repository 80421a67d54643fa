/**
 * Rebuilds the market's search index from the published listings: after a restore (backups leave
 * the derived index out) or whenever it is in doubt. One transaction per kind, so searches see
 * either the old index or the new one.
 */
import type { Ctx } from '../../context.js';
import { SEARCH_KINDS, type SearchKind } from '../search/documents.js';
import { clearIndex, indexDocuments } from '../search/index-writer.js';
import { publishedSearchDocuments } from './search-documents.js';

export async function rebuildSearchIndex(ctx: Ctx): Promise<Record<SearchKind, number>> {
  const counts = {} as Record<SearchKind, number>;
  for (const kind of SEARCH_KINDS) {
    counts[kind] = await ctx.db.transaction().execute(async (trx) => {
      await clearIndex(trx, ctx.dialect, kind);
      let n = 0;
      for await (const docs of publishedSearchDocuments(trx, kind, 2000)) {
        await indexDocuments(trx, ctx.dialect, docs, ctx.sqlite);
        n += docs.length;
      }
      return n;
    });
  }
  return counts;
}
