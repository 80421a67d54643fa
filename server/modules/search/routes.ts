/**
 * The market's search, public like the market itself: GET /api/public/market/search. Reads go to
 * the read connection (on SQLite a second connection that never waits for a long import).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/session-hook.js';
import { FACETS, type Facet } from './attributes.js';
import { SEARCH_KINDS } from './documents.js';
import { type Filters, readSource, searchListings } from './search.js';

const codeList = z
  .string()
  .max(400)
  .regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/, '应为逗号分隔的代码（小写字母、数字、下划线）')
  .transform((s) => s.split(','));

export const searchQuery = z.strictObject({
  kind: z.enum(SEARCH_KINDS).default('achievement'),
  q: z.string().max(200, '查询词最多 200 个字符').optional(),
  jurisdiction: z.string().regex(/^\d{2,6}$/, '应为 2–6 位行政区划代码或其前缀').optional(),
  sort: z.enum(['relevance', 'date']).default('relevance'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  ...(Object.fromEntries(Object.keys(FACETS).map((f) => [f, codeList.optional()])) as Record<Facet, z.ZodOptional<typeof codeList>>),
});

export function searchRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/public/market/search',
    { schema: { tags: ['market'], summary: '技术市场检索：中文全文、筛选、分面计数，按相关度或日期排序', querystring: searchQuery } },
    async (req) => {
      const { kind, q, jurisdiction, sort, limit, offset, ...rest } = req.query;
      const filters: Filters = {};
      for (const facet of Object.keys(FACETS) as Facet[]) if (rest[facet]) filters[facet] = rest[facet];
      return searchListings(readSource(services.handle), { kind, q, jurisdiction, sort, limit, offset, filters });
    },
  );
}
