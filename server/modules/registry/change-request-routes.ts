/** 变更申请 routes (registered by registryRoutes): thin — validate, call the use case, present. */
import { readUpload } from '../../http/uploads.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeRequestInput, changeRequestQuery, decisionInput } from '../../../common/change-request.js';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { assertCan } from '../access/policy.js';
import { contentDisposition } from '../applications/routes.js';
import { extensionOf } from '../contracts/evidence.js';
import { MAX_EVIDENCE_BYTES } from '../contracts/file-type.js';
import { changeRequestsXlsx } from './change-request-export.js';
import {
  decideChangeRequest,
  getChangeRequest,
  listChangeRequests,
  readChangeRequestEvidence,
  storeChangeRequestEvidence,
  submitChangeRequest,
  withdrawChangeRequest,
} from './change-requests.js';

const TAGS = ['registry'];
const idParams = z.object({ id: z.string().min(1).max(64) });
const hashParams = idParams.extend({ hash: z.string().regex(/^[0-9a-f]{64}$/, { message: '文件哈希应为64位十六进制' }) });

export function changeRequestRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  r.get('/api/change-requests', { schema: { tags: TAGS, summary: '变更申请列表（运营人员：辖区待审核队列；机构用户：本单位的申请）', querystring: changeRequestQuery } }, async (req) =>
    listChangeRequests(ctx(req), req.query),
  );
  r.get('/api/change-requests.xlsx', {
    schema: { tags: TAGS, summary: '导出变更申请（XLSX）', querystring: changeRequestQuery.omit({ page: true, pageSize: true }) },
  }, async (req, reply) => {
    const file = await changeRequestsXlsx(ctx(req), req.query);
    reply.header('content-disposition', contentDisposition(file.name, 'change-requests.xlsx'));
    reply.header('content-length', file.content.length);
    reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(file.content);
  });
  r.post('/api/change-requests', { schema: { tags: TAGS, summary: '提交变更申请（登记信息、资质、股权结构或平台认定，须附证明材料）', body: changeRequestInput } }, async (req, reply) => {
    reply.code(201);
    return submitChangeRequest(ctx(req), req.body);
  });
  r.post('/api/change-requests/evidence', {
    schema: { tags: TAGS, summary: '上传变更申请的证明材料（PDF/JPG/PNG，≤20MB），返回其 SHA-256', consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const c = ctx(req);
    assertCan(c.actor, 'registry.change_request.create'); // before reading the upload
    const file = await readUpload(req, MAX_EVIDENCE_BYTES);
    const data = file.data;
    reply.code(201);
    return storeChangeRequestEvidence(c, data, file.filename);
  });
  r.get('/api/change-requests/:id', { schema: { tags: TAGS, summary: '变更申请详情（现登记信息与申请变更内容对照）', params: idParams } }, async (req) =>
    getChangeRequest(ctx(req), req.params.id),
  );
  r.post('/api/change-requests/:id/decision', { schema: { tags: TAGS, summary: '审核变更申请：通过（立即生效）或驳回（须写明理由）', params: idParams, body: decisionInput } }, async (req) =>
    decideChangeRequest(ctx(req), req.params.id, req.body),
  );
  r.post('/api/change-requests/:id/withdraw', {
    schema: { tags: TAGS, summary: '撤回待审核的变更申请', params: idParams, body: z.strictObject({ version: z.number().int().min(1) }) },
  }, async (req) => withdrawChangeRequest(ctx(req), req.params.id, req.body.version));
  r.get('/api/change-requests/:id/evidence/:hash', { schema: { tags: TAGS, summary: '下载变更申请的证明材料', params: hashParams } }, async (req, reply) => {
    const file = await readChangeRequestEvidence(ctx(req), req.params.id, req.params.hash);
    reply.header('content-disposition', contentDisposition(file.fileName, `evidence-${req.params.hash.slice(0, 12)}.${extensionOf(file.mime)}`));
    reply.header('content-length', file.size);
    reply.type(file.mime);
    return reply.send(file.content);
  });
}
