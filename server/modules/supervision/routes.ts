/**
 * Supervision routes: thin — validate, call the use case, present. Plans (list, detail, upload a
 * plan file, link a unit to its organization), the board, progress reports and their workflow,
 * attachments, and the overdue reminders (also run daily by the server).
 */
import { readUpload } from '../../http/uploads.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chinaDate } from '../../../common/dates.js';
import { isoDate } from '../../../common/registry-schema.js';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { assertCan } from '../access/policy.js';
import { extensionOf, storeEvidenceFile } from '../contracts/evidence.js';
import { MAX_EVIDENCE_BYTES } from '../contracts/file-type.js';
import { contentDisposition } from '../applications/routes.js';
import { getBoard } from './board.js';
import { boardWorkbook } from './export-board.js';
import { parsePlan } from './plan-file.js';
import { getPlan, listPlans, loadPlan, setUnitOrganization } from './plans.js';
import { remindOverdueReports } from './reminders.js';
import { commentReport, createReport, getReport, listReports, readReportAttachment, reviewReport, submitReport, updateReport } from './reports.js';
import { boardQuery, commentInput, reportInput, reportPatch, reportQuery, reviewInput, unitLinkInput, versionInput } from './schema.js';

const idParams = z.object({ id: z.string().min(1).max(64) });
const hashParams = idParams.extend({ hash: z.string().regex(/^[0-9a-f]{64}$/, { message: '文件哈希应为64位十六进制' }) });
const TAGS = ['supervision'];
const MAX_PLAN_BYTES = 1024 * 1024;

export function supervisionRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  // Plans
  r.get('/api/supervision/plans', { schema: { tags: TAGS, summary: '督办方案列表' } }, async (req) => listPlans(ctx(req)));
  r.post('/api/supervision/plans', {
    schema: { tags: TAGS, summary: '上传方案文件（YAML，格式见 docs/supervision.md）：新建或更新方案的措施与责任单位', consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const c = ctx(req);
    assertCan(c.actor, 'supervision.plan.load'); // before reading the upload
    const file = await readUpload(req, MAX_PLAN_BYTES);
    const text = file.data.toString('utf8');
    const result = await loadPlan(c, parsePlan(text, file.filename || 'plan.yaml'));
    reply.code(result.created ? 201 : 200);
    return result;
  });
  r.get('/api/supervision/plans/:id', { schema: { tags: TAGS, summary: '方案详情：措施、责任单位（牵头/配合）', params: idParams } }, async (req) =>
    getPlan(ctx(req), req.params.id),
  );
  r.get('/api/supervision/plans/:id/board', { schema: { tags: TAGS, summary: '督办看板：措施 × 责任单位 × 报告期的状态', params: idParams, querystring: boardQuery } }, async (req) =>
    getBoard(ctx(req), req.params.id, req.query),
  );
  r.get('/api/supervision/plans/:id/board.xlsx', { schema: { tags: TAGS, summary: '下载督办看板与进度报告（XLSX，供第三方评估）', params: idParams, querystring: boardQuery } }, async (req, reply) => {
    const file = await boardWorkbook(ctx(req), req.params.id, req.query);
    reply.header('content-disposition', contentDisposition(file.name, 'supervision-board.xlsx'));
    reply.header('content-length', file.content.length);
    reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(file.content);
  });
  r.put('/api/supervision/units/:id/organization', { schema: { tags: TAGS, summary: '把责任单位关联到机构库中的机构（null 取消关联）', params: idParams, body: unitLinkInput } }, async (req) =>
    setUnitOrganization(ctx(req), req.params.id, req.body.organizationId),
  );

  // Reports
  r.get('/api/supervision/reports', { schema: { tags: TAGS, summary: '进度报告列表（责任单位：本单位的）', querystring: reportQuery } }, async (req) =>
    listReports(ctx(req), req.query),
  );
  r.post('/api/supervision/reports', { schema: { tags: TAGS, summary: '填报进度报告（草稿）：措施、责任单位、报告期、进展、数据、附件', body: reportInput } }, async (req, reply) => {
    reply.code(201);
    return createReport(ctx(req), req.body);
  });
  r.get('/api/supervision/reports/:id', { schema: { tags: TAGS, summary: '进度报告详情（含审核记录）', params: idParams } }, async (req) => getReport(ctx(req), req.params.id));
  r.patch('/api/supervision/reports/:id', { schema: { tags: TAGS, summary: '修改进度报告（草稿或已退回，带版本号）', params: idParams, body: reportPatch } }, async (req) =>
    updateReport(ctx(req), req.params.id, req.body),
  );
  r.post('/api/supervision/reports/:id/submit', { schema: { tags: TAGS, summary: '提交（或重新提交）进度报告', params: idParams, body: versionInput } }, async (req) =>
    submitReport(ctx(req), req.params.id, req.body.version),
  );
  r.post('/api/supervision/reports/:id/review', { schema: { tags: TAGS, summary: '审核进度报告：采纳，或退回（须写明意见）', params: idParams, body: reviewInput } }, async (req) =>
    reviewReport(ctx(req), req.params.id, req.body),
  );
  r.post('/api/supervision/reports/:id/comments', { schema: { tags: TAGS, summary: '对进度报告提出意见（不改变状态）', params: idParams, body: commentInput } }, async (req) =>
    commentReport(ctx(req), req.params.id, req.body.comment),
  );
  r.post('/api/supervision/attachments', {
    schema: { tags: TAGS, summary: '上传进度报告附件（PDF/JPEG/PNG/OFD，≤20MB），返回其 SHA-256', consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const c = ctx(req);
    assertCan(c.actor, 'supervision.report.write');
    const file = await readUpload(req, MAX_EVIDENCE_BYTES);
    const data = file.data;
    reply.code(201);
    return storeEvidenceFile(c, data, file.filename, 'supervision.report.write');
  });
  r.get('/api/supervision/reports/:id/attachments/:hash', { schema: { tags: TAGS, summary: '下载进度报告附件', params: hashParams } }, async (req, reply) => {
    const file = await readReportAttachment(ctx(req), req.params.id, req.params.hash);
    reply.header('content-disposition', `attachment; filename="attachment-${req.params.hash.slice(0, 12)}.${extensionOf(file.mime)}"`);
    reply.header('content-length', file.size);
    reply.type(file.mime);
    return reply.send(file.content);
  });

  // Overdue reminders (the server also runs them daily)
  r.post('/api/supervision/remind', {
    schema: { tags: TAGS, summary: '逾期提醒：标记逾期未报的单元格，每个单位每天至多一条提醒', body: z.strictObject({ date: isoDate.optional() }) },
  }, async (req) => {
    const c = ctx(req);
    return remindOverdueReports(c, req.body.date ?? chinaDate(c.clock.now()));
  });
}
