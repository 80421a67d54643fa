/** 信用记录 routes: thin — validate, call the use case, present. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commitmentBreachInput, creditRecordInput, creditRecordQuery, creditRepairDecision, creditRepairInput, endCreditRecordInput } from '../../../common/credit.js';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { readUpload } from '../../http/uploads.js';
import { assertCan } from '../access/policy.js';
import { contentDisposition } from '../applications/routes.js';
import { extensionOf } from '../contracts/evidence.js';
import { MAX_EVIDENCE_BYTES } from '../contracts/file-type.js';
import { importTable } from '../registry/import/import-table.js';
import { formatOf, readTable } from '../registry/import/read-table.js';
import { MAX_IMPORT_BYTES } from '../registry/routes.js';
import { creditImportTemplate, creditRecordsXlsx } from './credit-export.js';
import { creditRecordsImport } from './credit-import.js';
import { createCreditRecord, endCreditRecord, getCreditRecord, listCreditRecords, recordCommitmentBreach } from './records.js';
import { decideCreditRepair, readCreditRepairEvidence, requestCreditRepair, storeCreditRepairEvidence } from './repair.js';

const TAGS = ['credit'];
const idParams = z.object({ id: z.string().min(1).max(64) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function creditRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  r.get('/api/credit-records', { schema: { tags: TAGS, summary: '信用记录列表（政府部门：辖区全部；单位：本单位的记录）', querystring: creditRecordQuery } }, async (req) =>
    listCreditRecords(ctx(req), req.query),
  );
  r.get('/api/credit-records.xlsx', { schema: { tags: TAGS, summary: '导出信用记录（XLSX，按当前筛选）', querystring: creditRecordQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const file = await creditRecordsXlsx(ctx(req), req.query);
    reply.header('content-disposition', contentDisposition(file.name, 'credit-records.xlsx'));
    reply.type(XLSX);
    return reply.send(file.content);
  });
  r.get('/api/credit-records/template.xlsx', { schema: { tags: TAGS, summary: '信用记录导入模板（XLSX：各列与一行示例）' } }, async (req, reply) => {
    assertCan(ctx(req).actor, 'credit.import');
    reply.header('content-disposition', contentDisposition('信用记录导入模板.xlsx', 'credit-records-template.xlsx'));
    reply.type(XLSX);
    return reply.send(await creditImportTemplate());
  });
  r.post('/api/credit-records/import', {
    schema: { tags: TAGS, summary: '导入信用记录（CSV / XLSX；全部正确才导入，错误逐行列出）', consumes: ['multipart/form-data'] },
  }, async (req) => {
    const c = ctx(req);
    assertCan(c.actor, 'credit.import'); // before reading the upload
    const file = await readUpload(req, MAX_IMPORT_BYTES);
    const table = await readTable(file.data, formatOf(file.filename), file.filename);
    return importTable(c, creditRecordsImport as never, table);
  });
  r.post('/api/credit-records', { schema: { tags: TAGS, summary: '登记信用记录（机构或人员）', body: creditRecordInput } }, async (req, reply) => {
    reply.code(201);
    return createCreditRecord(ctx(req), req.body);
  });
  r.get('/api/credit-records/:id', { schema: { tags: TAGS, summary: '信用记录详情（含信用修复申请）', params: idParams } }, async (req) => getCreditRecord(ctx(req), req.params.id));
  r.post('/api/credit-records/:id/end', { schema: { tags: TAGS, summary: '提前结束信用记录（须写明理由）', params: idParams, body: endCreditRecordInput } }, async (req) =>
    endCreditRecord(ctx(req), req.params.id, req.body),
  );
  r.post('/api/credit-records/:id/repairs', { schema: { tags: TAGS, summary: '申请信用修复（本单位的记录，须附证明材料）', params: idParams, body: creditRepairInput } }, async (req, reply) => {
    reply.code(201);
    return requestCreditRepair(ctx(req), req.params.id, req.body);
  });
  r.post('/api/credit-repairs/evidence', {
    schema: { tags: TAGS, summary: '上传信用修复证明材料（PDF/JPG/PNG，≤20MB），返回其 SHA-256', consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const c = ctx(req);
    assertCan(c.actor, 'credit.repair.create');
    const file = await readUpload(req, MAX_EVIDENCE_BYTES);
    const data = file.data;
    reply.code(201);
    return storeCreditRepairEvidence(c, data, file.filename);
  });
  r.post('/api/credit-repairs/:id/decision', { schema: { tags: TAGS, summary: '审核信用修复：通过（记录今日结束）或驳回（须写明理由）', params: idParams, body: creditRepairDecision } }, async (req) =>
    decideCreditRepair(ctx(req), req.params.id, req.body),
  );
  r.get('/api/credit-repairs/:id/evidence/:hash', {
    schema: { tags: TAGS, summary: '下载信用修复证明材料', params: idParams.extend({ hash: z.string().regex(/^[0-9a-f]{64}$/, { message: '文件哈希应为64位十六进制' }) }) },
  }, async (req, reply) => {
    const file = await readCreditRepairEvidence(ctx(req), req.params.id, req.params.hash);
    reply.header('content-disposition', contentDisposition(file.fileName, `evidence-${req.params.hash.slice(0, 12)}.${extensionOf(file.mime)}`));
    reply.type(file.mime);
    return reply.send(file.content);
  });
  r.post('/api/applications/:id/commitment-breach', {
    schema: { tags: TAGS, summary: '将申报中发现的虚假承诺记为“违背信用承诺”信用记录（一步完成，附审核人理由）', params: idParams, body: commitmentBreachInput },
  }, async (req, reply) => {
    reply.code(201);
    return recordCommitmentBreach(ctx(req), req.params.id, req.body);
  });
}
