/** Deal routes (对接项目) and the outcome funnel: thin — validate, call the use case, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { addDealNote } from './add-deal-note.js';
import { createDeal } from './create-deal.js';
import { getDeal } from './get-deal.js';
import { listDeals } from './list-deals.js';
import { readFunnel } from './read-funnel.js';
import { dealInput, dealNoteInput, dealPatch, dealQuery, dealSign, dealTransition, funnelQuery } from './schema.js';
import { signDeal } from './sign-deal.js';
import { transitionDeal } from './transition-deal.js';
import { updateDeal } from './update-deal.js';

const idParams = z.object({ id: z.string().min(1).max(64) });
const TAGS = ['deals'];

export function dealRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  r.get('/api/deals', { schema: { tags: TAGS, summary: '对接项目列表（经纪人：自己负责的；企业、院所：本单位参与的；运营人员：本辖区全部）', querystring: dealQuery } }, async (req) =>
    listDeals(ctx(req), req.query),
  );
  r.post('/api/deals', { schema: { tags: TAGS, summary: '发起对接（需求与成果至少其一，指定技术经纪人）', body: dealInput } }, async (req, reply) => {
    reply.code(201);
    return createDeal(ctx(req), req.body);
  });
  r.get('/api/deals/:id', { schema: { tags: TAGS, summary: '对接项目详情（阶段记录、跟进记录、合同登记状态）', params: idParams } }, async (req) =>
    getDeal(ctx(req), req.params.id),
  );
  r.patch('/api/deals/:id', { schema: { tags: TAGS, summary: '修改对接项目（当事人、经纪人、活动；带版本号）', params: idParams, body: dealPatch } }, async (req) =>
    updateDeal(ctx(req), req.params.id, req.body),
  );
  r.post('/api/deals/:id/transitions', { schema: { tags: TAGS, summary: '对接阶段：对接 → 洽谈，或终止（须选原因）', params: idParams, body: dealTransition } }, async (req) =>
    transitionDeal(ctx(req), req.params.id, req.body),
  );
  r.post('/api/deals/:id/sign', { schema: { tags: TAGS, summary: '签约：填写成交额，生成预填的技术合同登记草稿', params: idParams, body: dealSign } }, async (req) =>
    signDeal(ctx(req), req.params.id, req.body),
  );
  r.post('/api/deals/:id/notes', { schema: { tags: TAGS, summary: '添加跟进记录（下一步与完成期限）', params: idParams, body: dealNoteInput } }, async (req, reply) => {
    reply.code(201);
    return addDealNote(ctx(req), req.params.id, req.body);
  });
  r.get('/api/market/funnel', { schema: { tags: TAGS, summary: '成效漏斗：发布 → 联系 → 对接 → 签约 → 登记成交额（按技术领域、按经纪人）', querystring: funnelQuery } }, async (req) =>
    readFunnel(ctx(req), req.query),
  );
}
