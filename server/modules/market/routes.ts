/** Market routes (科技成果, 技术需求, 联系对接): thin — validate, call the use case, present. */
import { LISTING_COLUMNS } from './import/listings-import.js';
import { contentDisposition } from '../applications/routes.js';
import { importTemplateXlsx, XLSX_MIME } from '../documents/import-template.js';
import { readUpload } from '../../http/uploads.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { assertCan } from '../access/policy.js';
import { extensionOf, storeEvidenceFile } from '../contracts/evidence.js';
import { MAX_EVIDENCE_BYTES } from '../contracts/file-type.js';
import { MAX_IMPORT_BYTES } from '../registry/routes.js';
import { exportListings } from './import/listings-export.js';
import { importListings, listingFormatOf } from './import/listings-import.js';
import { answerInquiry, createInquiry, listInquiries } from './inquiries.js';
import {
  createAchievement,
  createDemand,
  getListing,
  getPublicListing,
  listListings,
  readListingAttachment,
  transitionListing,
  updateAchievement,
  updateDemand,
} from './listings.js';
import { achievementInput, achievementPatch, demandInput, demandPatch, inquiryAnswer, inquiryInput, inquiryQuery, listingQuery, listingTransition } from './schema.js';

const idParams = z.object({ id: z.string().min(1).max(64) });
const hashParams = idParams.extend({ hash: z.string().regex(/^[0-9a-f]{64}$/, { message: '文件哈希应为64位十六进制' }) });
const kindParams = z.object({ kind: z.enum(['achievements', 'demands']) });
const KIND = { achievements: 'achievement', demands: 'demand' } as const;
const TAGS = ['market'];

export function marketRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  // Achievements (科技成果)
  r.get('/api/market/achievements', { schema: { tags: TAGS, summary: '科技成果列表（本单位的；运营人员：本辖区全部，含待审核）', querystring: listingQuery } }, async (req) =>
    listListings(ctx(req), 'achievement', req.query),
  );
  r.post('/api/market/achievements', { schema: { tags: TAGS, summary: '新建科技成果（草稿）', body: achievementInput } }, async (req, reply) => {
    reply.code(201);
    return createAchievement(ctx(req), req.body);
  });
  r.get('/api/market/achievements/:id', { schema: { tags: TAGS, summary: '科技成果详情（含审核记录）', params: idParams } }, async (req) =>
    getListing(ctx(req), 'achievement', req.params.id),
  );
  r.patch('/api/market/achievements/:id', { schema: { tags: TAGS, summary: '修改科技成果（带版本号）', params: idParams, body: achievementPatch } }, async (req) =>
    updateAchievement(ctx(req), req.params.id, req.body),
  );
  r.post('/api/market/achievements/:id/transitions', {
    schema: { tags: TAGS, summary: '审核流程：提交审核、发布、退回、撤回', params: idParams, body: listingTransition },
  }, async (req) => transitionListing(ctx(req), 'achievement', req.params.id, req.body));

  // Demands (技术需求)
  r.get('/api/market/demands', { schema: { tags: TAGS, summary: '技术需求列表（本单位的；运营人员：本辖区全部，含待审核）', querystring: listingQuery } }, async (req) =>
    listListings(ctx(req), 'demand', req.query),
  );
  r.post('/api/market/demands', { schema: { tags: TAGS, summary: '新建技术需求（草稿）', body: demandInput } }, async (req, reply) => {
    reply.code(201);
    return createDemand(ctx(req), req.body);
  });
  r.get('/api/market/demands/:id', { schema: { tags: TAGS, summary: '技术需求详情（含审核记录）', params: idParams } }, async (req) =>
    getListing(ctx(req), 'demand', req.params.id),
  );
  r.patch('/api/market/demands/:id', { schema: { tags: TAGS, summary: '修改技术需求（带版本号）', params: idParams, body: demandPatch } }, async (req) =>
    updateDemand(ctx(req), req.params.id, req.body),
  );
  r.post('/api/market/demands/:id/transitions', {
    schema: { tags: TAGS, summary: '审核流程：提交审核、发布、退回、撤回', params: idParams, body: listingTransition },
  }, async (req) => transitionListing(ctx(req), 'demand', req.params.id, req.body));

  // Attachments: uploaded into the evidence store, then named by hash in a listing.
  r.post('/api/market/attachments', {
    schema: { tags: TAGS, summary: '上传成果或需求附件（PDF/JPEG/PNG/OFD，≤20MB），返回其 SHA-256', consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const c = ctx(req);
    assertCan(c.actor, 'market.listing.create'); // before reading the upload
    const file = await readUpload(req, MAX_EVIDENCE_BYTES);
    const data = file.data;
    reply.code(201);
    return storeEvidenceFile(c, data, file.filename, 'market.listing.create');
  });
  r.get('/api/market/:kind/:id/attachments/:hash', {
    schema: { tags: TAGS, summary: '下载附件（所属单位与运营人员）', params: hashParams.extend(kindParams.shape) },
  }, async (req, reply) => {
    const file = await readListingAttachment(ctx(req), KIND[req.params.kind], req.params.id, req.params.hash, false);
    return sendFile(reply, file);
  });

  // Public: a published listing, without contact details.
  r.get('/api/public/market/achievements/:id', { schema: { tags: TAGS, summary: '公开：已发布的科技成果（不含联系方式）', params: idParams } }, async (req) =>
    getPublicListing(ctx(req), 'achievement', req.params.id),
  );
  r.get('/api/public/market/demands/:id', { schema: { tags: TAGS, summary: '公开：已发布的技术需求（不含联系方式）', params: idParams } }, async (req) =>
    getPublicListing(ctx(req), 'demand', req.params.id),
  );
  r.get('/api/public/market/:kind/:id/attachments/:hash', {
    schema: { tags: TAGS, summary: '公开：下载已发布信息的附件', params: hashParams.extend(kindParams.shape) },
  }, async (req, reply) => {
    const file = await readListingAttachment(ctx(req), KIND[req.params.kind], req.params.id, req.params.hash, true);
    return sendFile(reply, file);
  });

  // Inquiries (联系对接)
  r.post('/api/market/inquiries', { schema: { tags: TAGS, summary: '联系对接：给已发布信息的发布单位留言（平台转达，不公开电话）', body: inquiryInput } }, async (req, reply) => {
    reply.code(201);
    return createInquiry(ctx(req), req.body);
  });
  r.get('/api/market/inquiries', { schema: { tags: TAGS, summary: '对接留言：收到的（box=received）或发出的（box=sent）', querystring: inquiryQuery } }, async (req) =>
    listInquiries(ctx(req), req.query),
  );
  r.post('/api/market/inquiries/:id/answer', { schema: { tags: TAGS, summary: '回复或关闭对接留言（带版本号）', params: idParams, body: inquiryAnswer } }, async (req) =>
    answerInquiry(ctx(req), req.params.id, req.body),
  );

  // Import and export (JSONL, CSV, XLSX), keyed by external_id.
  r.post('/api/market/import/:kind', {
    schema: { tags: TAGS, summary: '导入科技成果或技术需求 JSONL / CSV / XLSX（按外部编号更新；全部成功或全部不导入）', params: kindParams, consumes: ['multipart/form-data'] },
  }, async (req) => {
    const c = ctx(req);
    assertCan(c.actor, 'market.import');
    const file = await readUpload(req, MAX_IMPORT_BYTES);
    const format = listingFormatOf(file.filename);
    return importListings(c, KIND[req.params.kind], file.data, format);
  });
  r.get('/api/market/import/:kind/template.xlsx', { schema: { tags: TAGS, summary: '导入模板（XLSX：各列、一行示例与填写说明）', params: kindParams } }, async (req, reply) => {
    assertCan(ctx(req).actor, 'market.import');
    const title = req.params.kind === 'achievements' ? '科技成果' : '技术需求';
    reply.header('content-disposition', contentDisposition(`${title}导入模板.xlsx`, `${req.params.kind}-template.xlsx`));
    reply.type(XLSX_MIME);
    return reply.send(await importTemplateXlsx(title, LISTING_COLUMNS[KIND[req.params.kind]]));
  });
  r.get('/api/market/export/:kind', {
    schema: { tags: TAGS, summary: '导出科技成果或技术需求（可再导入）', params: kindParams, querystring: z.object({ format: z.enum(['jsonl', 'csv', 'xlsx']).default('csv') }) },
  }, async (req, reply) => {
    const { data } = await exportListings(ctx(req), KIND[req.params.kind], req.query.format);
    const type = { jsonl: 'application/x-ndjson', csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }[req.query.format];
    reply.header('content-disposition', `attachment; filename="${req.params.kind}.${req.query.format}"`);
    reply.type(type);
    return reply.send(data);
  });
}

function sendFile(reply: import('fastify').FastifyReply, file: { name: string; mime: string; size: number; content: Buffer }) {
  const ascii = `attachment-${Date.now().toString(36)}.${extensionOf(file.mime)}`;
  reply.header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  reply.header('content-length', file.size);
  reply.type(file.mime);
  return reply.send(file.content);
}
