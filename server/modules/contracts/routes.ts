/** Contract routes: thin — validate, call the use case, present. */
import { contentDisposition } from '../applications/routes.js';
import { importTemplateXlsx, XLSX_MIME } from '../documents/import-template.js';
import { readUpload } from '../../http/uploads.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { assertCan } from '../access/policy.js';
import { importTable } from '../registry/import/import-table.js';
import { formatOf, readTable } from '../registry/import/read-table.js';
import { MAX_IMPORT_BYTES } from '../registry/routes.js';
import { createContract, getContract, listContracts, transitionContract, updateContract } from './contracts.js';
import { extensionOf, storeEvidenceFile } from './evidence.js';
import { MAX_EVIDENCE_BYTES } from './file-type.js';
import { CONTRACT_IMPORT_KINDS, type ContractImportKindName } from './import/kinds.js';
import { addPayment, deletePayment, listPayments, readEvidenceFile, updatePayment } from './payments.js';
import { lookupContractParties } from './party-lookup.js';
import { relatedPartiesOfContract } from './related-parties.js';
import { contractInput, contractPatch, contractQuery, paymentInput, paymentUpdate, transitionInput } from './schema.js';

const idParams = z.object({ id: z.string().min(1).max(64) });
const paymentParams = idParams.extend({ paymentId: z.string().min(1).max(64) });
const hashParams = idParams.extend({ hash: z.string().regex(/^[0-9a-f]{64}$/, { message: '文件哈希应为64位十六进制' }) });
const importParams = z.object({ kind: z.enum(Object.keys(CONTRACT_IMPORT_KINDS) as [ContractImportKindName, ...ContractImportKindName[]]) });
const TAGS = ['contracts'];

export function contractRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  r.get('/api/contracts/parties', {
    schema: { tags: TAGS, summary: '按名称或统一社会信用代码在全库查找合同相对方（至少两个字，最多 20 条）', querystring: z.object({ q: z.string().max(100) }) },
  }, async (req) => lookupContractParties(ctx(req), req.query.q));
  r.get('/api/contracts', { schema: { tags: TAGS, summary: '技术合同列表（筛选、分页）', querystring: contractQuery } }, async (req) =>
    listContracts(ctx(req), req.query),
  );
  r.post('/api/contracts', { schema: { tags: TAGS, summary: '新建技术合同（草稿）', body: contractInput } }, async (req, reply) => {
    reply.code(201);
    return createContract(ctx(req), req.body);
  });
  r.get('/api/contracts/:id', { schema: { tags: TAGS, summary: '技术合同详情（含登记流程与期限）', params: idParams } }, async (req) =>
    getContract(ctx(req), req.params.id),
  );
  r.patch('/api/contracts/:id', { schema: { tags: TAGS, summary: '修改技术合同（草稿或待补正，带版本号）', params: idParams, body: contractPatch } }, async (req) =>
    updateContract(ctx(req), req.params.id, req.body),
  );
  r.post('/api/contracts/:id/transitions', {
    schema: { tags: TAGS, summary: '登记流程：提交、要求补正、登记、未予登记、变更、注销、撤销', params: idParams, body: transitionInput },
  }, async (req) => transitionContract(ctx(req), req.params.id, req.body));
  r.get('/api/contracts/:id/related-parties', {
    schema: {
      tags: TAGS,
      summary: '买卖双方是否关联及关联链',
      params: idParams,
      querystring: z.object({ threshold: z.coerce.number().gt(0).max(100).default(25) }),
    },
  }, async (req) => relatedPartiesOfContract(ctx(req), req.params.id, req.query.threshold));

  // Payments
  r.get('/api/contracts/:id/payments', { schema: { tags: TAGS, summary: '付款（到账）记录', params: idParams } }, async (req) =>
    listPayments(ctx(req), req.params.id),
  );
  r.post('/api/contracts/:id/payments', { schema: { tags: TAGS, summary: '登记付款（转账凭证、发票）', params: idParams, body: paymentInput } }, async (req, reply) => {
    reply.code(201);
    return addPayment(ctx(req), req.params.id, req.body);
  });
  r.put('/api/contracts/:id/payments/:paymentId', { schema: { tags: TAGS, summary: '修改付款记录（带版本号）', params: paymentParams, body: paymentUpdate } }, async (req) =>
    updatePayment(ctx(req), req.params.id, req.params.paymentId, req.body),
  );
  r.delete('/api/contracts/:id/payments/:paymentId', {
    schema: { tags: TAGS, summary: '删除付款记录（带版本号）', params: paymentParams, querystring: z.object({ version: z.coerce.number().int().min(1) }) },
  }, async (req) => {
    await deletePayment(ctx(req), req.params.id, req.params.paymentId, req.query.version);
    return { ok: true };
  });

  // Evidence files
  r.post('/api/evidence', {
    schema: { tags: TAGS, summary: '上传证明文件（PDF/JPEG/PNG/OFD，≤20MB），返回其 SHA-256', consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const c = ctx(req);
    assertCan(c.actor, 'contracts.payment.write'); // before reading the upload
    const file = await readUpload(req, MAX_EVIDENCE_BYTES);
    const data = file.data;
    reply.code(201);
    return storeEvidenceFile(c, data, file.filename);
  });
  r.get('/api/contracts/:id/evidence/:hash', { schema: { tags: TAGS, summary: '下载证明文件', params: hashParams } }, async (req, reply) => {
    const file = await readEvidenceFile(ctx(req), req.params.id, req.params.hash);
    const name = `evidence-${req.params.hash.slice(0, 12)}.${extensionOf(file.mime)}`;
    reply.header('content-disposition', `attachment; filename="${name}"`);
    reply.header('content-length', file.size);
    reply.type(file.mime);
    return reply.send(file.content);
  });

  // Import (the registry's all-or-nothing pipeline with its bad-row report)
  r.get('/api/contracts/import/:kind/template.xlsx', { schema: { tags: TAGS, summary: '导入模板（XLSX：各列、一行示例与填写说明）', params: importParams } }, async (req, reply) => {
    assertCan(ctx(req).actor, 'contracts.import');
    const kind = CONTRACT_IMPORT_KINDS[req.params.kind];
    reply.header('content-disposition', contentDisposition(`${kind.title}导入模板.xlsx`, `${req.params.kind}-template.xlsx`));
    reply.type(XLSX_MIME);
    return reply.send(await importTemplateXlsx(kind.title, kind.columns));
  });
  r.post('/api/contracts/import/:kind', {
    schema: { tags: TAGS, summary: '导入技术合同或付款记录 CSV / XLSX（全部成功或全部不导入）', params: importParams, consumes: ['multipart/form-data'] },
  }, async (req) => {
    const c = ctx(req);
    assertCan(c.actor, 'contracts.import');
    const file = await readUpload(req, MAX_IMPORT_BYTES);
    const format = formatOf(file.filename);
    const table = await readTable(file.data, format, file.filename);
    return importTable(c, CONTRACT_IMPORT_KINDS[req.params.kind] as never, table);
  });
}
