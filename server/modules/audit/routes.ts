import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../../../common/registry-schema.js';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { listAuditEvents } from './list-events.js';

export function auditRoutes(app: FastifyInstance, services: Services) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/audit', {
    schema: {
      tags: ['audit'],
      summary: '审计日志',
      querystring: pageQuery.extend({
        subjectType: z.string().max(40).optional(),
        subjectId: z.string().max(64).optional(),
        action: z.string().max(80).optional(),
      }),
    },
  }, async (req) => listAuditEvents(ctxOf(req, services), req.query));
}
