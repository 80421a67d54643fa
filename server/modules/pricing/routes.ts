/**
 * 成果定价公示 routes: thin — validate, call the use case, present. The institution's side under
 * /api (its contract's 公示, the valuation report upload, answers), the portal's under /api/public
 * (no session): the list, one 公示 with its valuation report, and a visitor's objection.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chinaDate } from '../../../common/dates.js';
import { readUpload } from '../../http/uploads.js';
import { type Services, ctxOf, PUBLIC_ACTOR } from '../../http/session-hook.js';
import { assertCan } from '../access/policy.js';
import { contentDisposition } from '../applications/routes.js';
import { extensionOf, storeEvidenceFile } from '../contracts/evidence.js';
import { MAX_EVIDENCE_BYTES } from '../contracts/file-type.js';
import { DEFAULT_PUBLIC_JURISDICTION } from '../indicators/public-statistics.js';
import { publicPricingXlsx } from './pricing-export.js';
import { answerObjection, createObjection, createPublicObjection } from './objections.js';
import { contractPricing, createPublicity, getPublicPublicity, listPublicPublicities, readPublicValuationReport, withdrawPublicity } from './publicity.js';
import { answerInput, objectionInput, publicityInput, publicObjectionInput, withdrawInput } from './schema.js';

const idParams = z.object({ id: z.string().min(1).max(64) });
const TAGS = ['pricing'];

export function pricingRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);
  const J = DEFAULT_PUBLIC_JURISDICTION;
  const today = () => chinaDate(services.clock.now());

  r.get('/api/contracts/:id/pricing', { schema: { tags: TAGS, summary: '合同的成果定价公示：是否需要、能否提交登记、各次公示及异议', params: idParams } }, async (req) =>
    contractPricing(ctx(req), req.params.id),
  );
  r.post('/api/contracts/:id/pricing', { schema: { tags: TAGS, summary: '发布成果定价公示（高校、科研院所的技术转让、许可合同，提交登记前）', params: idParams, body: publicityInput } }, async (req, reply) => {
    reply.code(201);
    return createPublicity(ctx(req), req.params.id, req.body);
  });
  r.post('/api/pricing/:id/withdraw', { schema: { tags: TAGS, summary: '撤回成果定价公示（合同提交登记前，须写明理由）', params: idParams, body: withdrawInput } }, async (req) =>
    withdrawPublicity(ctx(req), req.params.id, req.body),
  );
  r.post('/api/pricing/valuation-reports', {
    schema: { tags: TAGS, summary: '上传资产评估报告（PDF/JPEG/PNG/OFD，≤20MB，按内容判断），返回其 SHA-256', consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const c = ctx(req);
    assertCan(c.actor, 'pricing.publicity.write'); // before reading the upload
    const file = await readUpload(req, MAX_EVIDENCE_BYTES);
    reply.code(201);
    return { ...(await storeEvidenceFile(c, file.data, file.filename, 'pricing.publicity.write')), fileName: file.filename };
  });
  r.post('/api/pricing/:id/objections', { schema: { tags: TAGS, summary: '对成果定价公示提出异议（登录用户）', params: idParams, body: objectionInput } }, async (req, reply) => {
    reply.code(201);
    return createObjection(ctx(req), req.params.id, req.body);
  });
  r.post('/api/pricing/objections/:id/answer', { schema: { tags: TAGS, summary: '答复成果定价公示异议（转让方单位或运营人员，带版本号）', params: idParams, body: answerInput } }, async (req) =>
    answerObjection(ctx(req), req.params.id, req.body),
  );

  // The portal (no session)
  r.get('/api/public/pricing', { schema: { tags: TAGS, summary: '成果定价公示列表（公开）' } }, async () => listPublicPublicities(services.handle.db, J, today()));
  r.get('/api/public/pricing/export.xlsx', { schema: { tags: TAGS, summary: '导出成果定价公示列表（XLSX，公开）' } }, async (_req, reply) => {
    const file = await publicPricingXlsx(services.handle.db, J, today());
    reply.header('content-disposition', contentDisposition(file.name, 'pricing-publicity.xlsx'));
    reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(file.content);
  });
  r.get('/api/public/pricing/:id', { schema: { tags: TAGS, summary: '成果定价公示（公开）：定价方式、价格、评估报告、决策机构与日期、公示期及结果', params: idParams } }, async (req) =>
    getPublicPublicity(services.handle.db, J, req.params.id, today()),
  );
  r.get('/api/public/pricing/:id/valuation-report', { schema: { tags: TAGS, summary: '下载成果定价公示的资产评估报告（公开）', params: idParams } }, async (req, reply) => {
    const file = await readPublicValuationReport(services.handle.db, J, req.params.id, today());
    const name = /\.[a-z0-9]{2,4}$/i.test(file.name) ? file.name : `${file.name}.${extensionOf(file.mime)}`;
    reply.header('content-disposition', contentDisposition(name, `valuation-report.${extensionOf(file.mime)}`));
    reply.header('content-length', file.size);
    reply.type(file.mime);
    return reply.send(file.content);
  });
  r.post('/api/public/pricing/:id/objections', { schema: { tags: TAGS, summary: '对成果定价公示提出异议（公众，须留姓名和联系方式）', params: idParams, body: publicObjectionInput } }, async (req, reply) => {
    reply.code(201);
    // Recorded as the public's, whoever is logged in: this route takes no CSRF token.
    return createPublicObjection({ ...ctx(req), actor: PUBLIC_ACTOR }, J, req.params.id, req.body);
  });
}
