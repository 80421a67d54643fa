/** 工作台 routes: the user's 待办, notifications and shortcuts; the 免申即享 estimates and applying from one. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { applyFromProspect, prospectsFor } from './prospects.js';
import { getWorkbench } from './workbench.js';

const TAGS = ['workbench'];
const id = z.string().min(1).max(64);

export function workbenchRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);
  r.get('/api/workbench', { schema: { tags: TAGS, summary: '工作台：待办（计数与筛选后的列表链接）、最新通知、常用功能' } }, async (req) => getWorkbench(ctx(req)));
  r.get('/api/workbench/prospects', { schema: { tags: TAGS, summary: '免申即享：按今天的登记与到账情况，本单位在每个开放申报通知下预计可获的奖补（文字说明与差距）' } }, async (req) =>
    prospectsFor(ctx(req)),
  );
  r.post('/api/workbench/prospects/apply', {
    schema: { tags: TAGS, summary: '按预估申报：以预估计入的合同新建申报草稿', body: z.strictObject({ noticeId: id, organizationId: id, personId: id.optional() }) },
  }, async (req, reply) => {
    reply.code(201);
    return applyFromProspect(ctx(req), req.body);
  });
}
