/**
 * Application workflow routes: thin — validate, call the use case, present. Notices (申报通知) and
 * their round (核定, 公示, 审定), applications and their reviews, objections, payments, the
 * documents as downloads, and the public 公示 under /api/public/ (no session).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Services, ctxOf, PUBLIC_ACTOR } from '../../http/session-hook.js';
import { extensionOf } from '../contracts/evidence.js';
import { createApplication, getApplication, listApplications, readApplicationEvidence, reviewApplication, submitApplication, updateApplication } from './applications.js';
import { recordPayment } from './disbursements.js';
import { awardNoticeFile, paymentListFile, publicListFile, publicNotices, publicNoticeView } from './exports.js';
import { createNotice, getNotice, listNotices } from './notices.js';
import { createObjection, createPublicObjection, listObjections, resolveObjection } from './objections.js';
import { approveNotice, computeAwards, publicizeNotice } from './round.js';
import {
  applicationInput,
  applicationPatch,
  applicationQuery,
  noticeInput,
  noticeQuery,
  objectionInput,
  objectionQuery,
  paymentInput,
  publicizeInput,
  publicObjectionInput,
  resolveObjectionInput,
  reviewInput,
  submitInput,
  versionInput,
} from './schema.js';

const idParams = z.object({ id: z.string().min(1).max(64) });
const hashParams = idParams.extend({ hash: z.string().regex(/^[0-9a-f]{64}$/, { message: '文件哈希应为64位十六进制' }) });
const formatQuery = z.strictObject({ format: z.enum(['pdf', 'xlsx']).default('pdf') });
const TAGS = ['applications'];

const MIME = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** Content-Disposition with an ASCII fallback and the Chinese name in RFC 5987 `filename*`. */
export function contentDisposition(name: string, fallback: string): string {
  const ascii = fallback.replace(/[^\x21-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function download(reply: FastifyReply, file: { name: string; content: Buffer }, format: 'pdf' | 'xlsx', fallback: string) {
  reply.header('content-disposition', contentDisposition(file.name, `${fallback}.${format}`));
  reply.header('content-length', file.content.length);
  reply.type(MIME[format]);
  return reply.send(file.content);
}

export function applicationRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  // Notices and their round
  r.get('/api/notices', { schema: { tags: TAGS, summary: '申报通知列表（open=true：今天可申报的）', querystring: noticeQuery } }, async (req) =>
    listNotices(ctx(req), req.query),
  );
  r.post('/api/notices', { schema: { tags: TAGS, summary: '发布申报通知（申报期、政策与年度、规则、预算、公示工作日数）', body: noticeInput } }, async (req, reply) => {
    reply.code(201);
    return createNotice(ctx(req), req.body);
  });
  r.get('/api/notices/:id', { schema: { tags: TAGS, summary: '申报通知详情（含各状态申报数）', params: idParams } }, async (req) => getNotice(ctx(req), req.params.id));
  r.post('/api/notices/:id/compute', { schema: { tags: TAGS, summary: '截止申报并核定奖补（按预算结算复核通过的申报）', params: idParams, body: versionInput } }, async (req) =>
    computeAwards(ctx(req), req.params.id, req.body.version),
  );
  r.post('/api/notices/:id/publicize', { schema: { tags: TAGS, summary: '发布公示（N个工作日）', params: idParams, body: publicizeInput } }, async (req) =>
    publicizeNotice(ctx(req), req.params.id, req.body),
  );
  r.post('/api/notices/:id/approve', { schema: { tags: TAGS, summary: '财政局审定名单（公示期满、异议已处理）', params: idParams, body: versionInput } }, async (req) =>
    approveNotice(ctx(req), req.params.id, req.body.version),
  );
  r.get('/api/notices/:id/objections', { schema: { tags: TAGS, summary: '公示异议列表', params: idParams, querystring: objectionQuery } }, async (req) =>
    listObjections(ctx(req), req.params.id, req.query.status),
  );
  r.post('/api/notices/:id/objections', { schema: { tags: TAGS, summary: '提出公示异议（登录用户）', params: idParams, body: objectionInput } }, async (req, reply) => {
    reply.code(201);
    return createObjection(ctx(req), req.params.id, req.body);
  });
  r.post('/api/objections/:id/resolve', { schema: { tags: TAGS, summary: '处理公示异议（成立：取消申报或剔除合同并重新结算；不成立）', params: idParams, body: resolveObjectionInput } }, async (req) =>
    resolveObjection(ctx(req), req.params.id, req.body),
  );
  r.get('/api/notices/:id/payment-list', { schema: { tags: TAGS, summary: '下载拨付清单（PDF 或 XLSX）', params: idParams, querystring: formatQuery } }, async (req, reply) =>
    download(reply, await paymentListFile(ctx(req), req.params.id, req.query.format), req.query.format, 'payment-list'),
  );

  // Applications
  r.get('/api/applications', { schema: { tags: TAGS, summary: '申报列表（按通知、状态筛选）', querystring: applicationQuery } }, async (req) =>
    listApplications(ctx(req), req.query),
  );
  r.post('/api/applications', { schema: { tags: TAGS, summary: '新建申报（草稿；预填本单位已登记合同）', body: applicationInput } }, async (req, reply) => {
    reply.code(201);
    return createApplication(ctx(req), req.body);
  });
  r.get('/api/applications/:id', { schema: { tags: TAGS, summary: '申报详情（合同、付款、证明文件、审核记录、奖补及说明、拨付）', params: idParams } }, async (req) =>
    getApplication(ctx(req), req.params.id),
  );
  r.patch('/api/applications/:id', { schema: { tags: TAGS, summary: '修改申报（草稿或退回补正，带版本号）', params: idParams, body: applicationPatch } }, async (req) =>
    updateApplication(ctx(req), req.params.id, req.body),
  );
  r.post('/api/applications/:id/submit', { schema: { tags: TAGS, summary: '签署承诺书并提交申报', params: idParams, body: submitInput } }, async (req) =>
    submitApplication(ctx(req), req.params.id, req.body),
  );
  r.post('/api/applications/:id/first-review', { schema: { tags: TAGS, summary: '初审：通过、退回补正或不予支持', params: idParams, body: reviewInput } }, async (req) =>
    reviewApplication(ctx(req), req.params.id, 'first', req.body),
  );
  r.post('/api/applications/:id/second-review', { schema: { tags: TAGS, summary: '复核（须与初审不同人）：通过、退回补正或不予支持', params: idParams, body: reviewInput } }, async (req) =>
    reviewApplication(ctx(req), req.params.id, 'second', req.body),
  );
  r.post('/api/applications/:id/payment', { schema: { tags: TAGS, summary: '登记拨付（日期、银行流水号）', params: idParams, body: paymentInput } }, async (req) =>
    recordPayment(ctx(req), req.params.id, req.body),
  );
  r.get('/api/applications/:id/award-notice', { schema: { tags: TAGS, summary: '下载奖补通知书（PDF，含核定说明）', params: idParams } }, async (req, reply) =>
    download(reply, await awardNoticeFile(ctx(req), req.params.id), 'pdf', 'award-notice'),
  );
  r.get('/api/applications/:id/evidence/:hash', { schema: { tags: TAGS, summary: '下载申报的证明文件', params: hashParams } }, async (req, reply) => {
    const file = await readApplicationEvidence(ctx(req), req.params.id, req.params.hash);
    reply.header('content-disposition', `attachment; filename="evidence-${req.params.hash.slice(0, 12)}.${extensionOf(file.mime)}"`);
    reply.header('content-length', file.size);
    reply.type(file.mime);
    return reply.send(file.content);
  });

  // The public 公示 (no session)
  r.get('/api/public/notices', { schema: { tags: TAGS, summary: '公示列表（公开）' } }, async (req) => publicNotices({ ...ctx(req), actor: PUBLIC_ACTOR }));
  r.get('/api/public/notices/:id', { schema: { tags: TAGS, summary: '拟奖补名单公示（公开）：受益方、规则、金额及大写', params: idParams } }, async (req) =>
    publicNoticeView({ ...ctx(req), actor: PUBLIC_ACTOR }, req.params.id),
  );
  r.get('/api/public/notices/:id/list', { schema: { tags: TAGS, summary: '下载公示名单（PDF 或 XLSX，公开）', params: idParams, querystring: formatQuery } }, async (req, reply) =>
    download(reply, await publicListFile({ ...ctx(req), actor: PUBLIC_ACTOR }, req.params.id, req.query.format), req.query.format, 'public-notice-list'),
  );
  r.post('/api/public/notices/:id/objections', { schema: { tags: TAGS, summary: '提出公示异议（公众，须留联系方式）', params: idParams, body: publicObjectionInput } }, async (req, reply) => {
    reply.code(201);
    // Recorded as the public's, whoever is logged in: this route takes no CSRF token.
    return createPublicObjection({ ...ctx(req), actor: PUBLIC_ACTOR }, req.params.id, req.body);
  });
}
