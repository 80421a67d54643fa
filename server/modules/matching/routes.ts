/** GET /api/market/{achievements|demands}/:id/matches — ranked counterparts, organizations and brokers, each with why. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { readSource } from '../search/search.js';
import { getMatches } from './get-matches.js';

const params = z.object({ kind: z.enum(['achievements', 'demands']), id: z.string().min(1).max(64) });

export function matchingRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/market/:kind/:id/matches', { schema: { tags: ['market'], summary: '供需匹配：相关成果或需求、机构、技术经纪人，并说明理由', params } }, async (req) =>
    getMatches(ctxOf(req, services), readSource(services.handle), req.params.kind === 'achievements' ? 'achievement' : 'demand', req.params.id),
  );
}
