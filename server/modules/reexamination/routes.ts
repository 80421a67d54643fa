/** 复查 routes: thin — validate, call the use case, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { concludeReexaminationInput, openReexaminationInput, reexaminationQuery } from '../../../common/reexamination.js';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { contentDisposition } from '../applications/routes.js';
import { extensionOf } from '../contracts/evidence.js';
import { concludeReexamination } from './conclude-reexamination.js';
import { reexaminationsXlsx } from './export-reexaminations.js';
import { getReexamination, listReexaminations, readReexaminationEvidence } from './list-reexaminations.js';
import { openReexamination } from './open-reexamination.js';

const TAGS = ['reexamination'];
const idParams = z.object({ id: z.string().min(1).max(64) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function reexaminationRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  r.get('/api/reexaminations', { schema: { tags: TAGS, summary: '复查案件列表（按决定类型、状态、复查结论筛选）', querystring: reexaminationQuery } }, async (req) =>
    listReexaminations(ctx(req), req.query),
  );
  r.get('/api/reexaminations.xlsx', { schema: { tags: TAGS, summary: '导出复查案件（XLSX，按当前筛选）', querystring: reexaminationQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const file = await reexaminationsXlsx(ctx(req), req.query);
    reply.header('content-disposition', contentDisposition(file.name, 'reexaminations.xlsx'));
    reply.type(XLSX);
    return reply.send(file.content);
  });
  r.post('/api/reexaminations', { schema: { tags: TAGS, summary: '对一项已作出的决定发起复查（冻结决定当时的情况与证明材料）', body: openReexaminationInput } }, async (req, reply) => {
    reply.code(201);
    return openReexamination(ctx(req), req.body);
  });
  r.get('/api/reexaminations/:id', { schema: { tags: TAGS, summary: '复查案件详情', params: idParams } }, async (req) => getReexamination(ctx(req), req.params.id));
  r.post('/api/reexaminations/:id/conclusion', { schema: { tags: TAGS, summary: '办结复查：查明情况、是否尽职的结论与纠错措施（不可撤销；原决定人不能办结）', params: idParams, body: concludeReexaminationInput } }, async (req) =>
    concludeReexamination(ctx(req), req.params.id, req.body),
  );
  r.get('/api/reexaminations/:id/evidence/:hash', {
    schema: { tags: TAGS, summary: '下载复查所冻结的原决定证明材料', params: idParams.extend({ hash: z.string().regex(/^[0-9a-f]{64}$/, { message: '文件哈希应为64位十六进制' }) }) },
  }, async (req, reply) => {
    const file = await readReexaminationEvidence(ctx(req), req.params.id, req.params.hash);
    reply.header('content-disposition', contentDisposition(file.fileName, `evidence-${req.params.hash.slice(0, 12)}.${extensionOf(file.mime)}`));
    reply.type(file.mime);
    return reply.send(file.content);
  });
}
