/** Registry routes: thin — validate, call the use case, present. */
import { contentDisposition } from '../applications/routes.js';
import { importTemplateXlsx, XLSX_MIME } from '../documents/import-template.js';
import { readUpload } from '../../http/uploads.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  equityHolderInput,
  organizationInput,
  organizationPatch,
  pageQuery,
  personInput,
  personPatch,
  platformInput,
  platformPatch,
  qualificationInput,
  isoDate,
} from '../../../common/registry-schema.js';
import * as vocabulary from '../../../common/vocabulary.js';
import { AppError } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { childrenOf, findDivision, jurisdictionTree, searchDivisions } from './divisions.js';
import { createOrganization, getOrganization, listOrganizations, updateOrganization } from './organizations.js';
import { addQualification } from './qualifications.js';
import { setEquityHolders } from './equity.js';
import { createPerson, getPerson, listPeople, updatePerson } from './people.js';
import { createPlatform, getPlatform, listPlatforms, updatePlatform } from './platforms.js';
import { IMPORT_KINDS, type ImportKindName } from './import/kinds.js';
import { formatOf, readTable } from './import/read-table.js';
import { importTable } from './import/import-table.js';
import { type ImportPhase, readImportProgress, reportImportProgress } from './import/import-progress.js';
import { exportRows } from './export/export-table.js';
import { changeRequestRoutes } from './change-request-routes.js';

const idParams = z.object({ id: z.string().min(1).max(64) });
const progressIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: '进度编号应为8–64位字母、数字、-或_' });
const kindParams = z.object({ kind: z.enum(Object.keys(IMPORT_KINDS) as [ImportKindName, ...ImportKindName[]]) });

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export function registryRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  // Organizations
  r.get('/api/organizations', {
    schema: {
      tags: ['registry'],
      summary: '机构列表（搜索、筛选、分页）',
      querystring: pageQuery.extend({
        q: z.string().max(100).optional(),
        kind: z.enum(vocabulary.ORGANIZATION_KINDS.values).optional(),
        division: z.string().regex(/^\d{2,6}$/).optional(),
        industry: z.enum(vocabulary.INDUSTRIES.values).optional(),
        qualification: z.enum(vocabulary.QUALIFICATION_TYPES.values).optional(),
        validOn: isoDate.optional(),
      }),
    },
  }, async (req) => listOrganizations(ctx(req), req.query));
  r.get('/api/organizations/:id', { schema: { tags: ['registry'], summary: '机构详情', params: idParams } }, async (req) => getOrganization(ctx(req), req.params.id));
  r.post('/api/organizations', { schema: { tags: ['registry'], summary: '新增机构', body: organizationInput } }, async (req, reply) => {
    reply.code(201);
    return createOrganization(ctx(req), req.body);
  });
  r.patch('/api/organizations/:id', { schema: { tags: ['registry'], summary: '修改机构（带版本号；机构用户只能直接修改联系人、地址、行业和服务类型，其余须提交变更申请）', params: idParams, body: organizationPatch } }, async (req) =>
    updateOrganization(ctx(req), req.params.id, req.body),
  );
  r.post('/api/organizations/:id/qualifications', { schema: { tags: ['registry'], summary: '新增资质', params: idParams, body: qualificationInput } }, async (req, reply) => {
    reply.code(201);
    return addQualification(ctx(req), req.params.id, req.body);
  });
  r.put('/api/organizations/:id/equity', {
    schema: { tags: ['registry'], summary: '设置股东及持股比例', params: idParams, body: z.strictObject({ holders: z.array(equityHolderInput).max(200) }) },
  }, async (req) => {
    await setEquityHolders(ctx(req), req.params.id, req.body.holders);
    return getOrganization(ctx(req), req.params.id);
  });

  // People
  r.get('/api/people', {
    schema: {
      tags: ['registry'],
      summary: '人员列表',
      querystring: pageQuery.extend({
        q: z.string().max(50).optional(),
        role: z.enum(vocabulary.PERSON_ROLES.values).optional(),
        organizationId: z.string().max(64).optional(),
      }),
    },
  }, async (req) => listPeople(ctx(req), req.query));
  r.get('/api/people/:id', { schema: { tags: ['registry'], summary: '人员详情（身份证号脱敏）', params: idParams } }, async (req) => getPerson(ctx(req), req.params.id));
  r.post('/api/people', { schema: { tags: ['registry'], summary: '新增人员', body: personInput } }, async (req, reply) => {
    reply.code(201);
    return createPerson(ctx(req), req.body);
  });
  r.patch('/api/people/:id', { schema: { tags: ['registry'], summary: '修改人员（带版本号）', params: idParams, body: personPatch } }, async (req) =>
    updatePerson(ctx(req), req.params.id, req.body),
  );

  // Platforms
  r.get('/api/platforms', {
    schema: {
      tags: ['registry'],
      summary: '研发平台与载体列表',
      querystring: pageQuery.extend({
        q: z.string().max(100).optional(),
        type: z.enum(vocabulary.PLATFORM_TYPES.values).optional(),
        level: z.enum(vocabulary.LEVELS.values).optional(),
        division: z.string().regex(/^\d{2,6}$/).optional(),
        activeOn: isoDate.optional(),
      }),
    },
  }, async (req) => listPlatforms(ctx(req), req.query));
  r.get('/api/platforms/:id', { schema: { tags: ['registry'], summary: '平台详情', params: idParams } }, async (req) => getPlatform(ctx(req), req.params.id));
  r.post('/api/platforms', { schema: { tags: ['registry'], summary: '新增平台', body: platformInput } }, async (req, reply) => {
    reply.code(201);
    return createPlatform(ctx(req), req.body);
  });
  r.patch('/api/platforms/:id', { schema: { tags: ['registry'], summary: '修改平台（带版本号）', params: idParams, body: platformPatch } }, async (req) =>
    updatePlatform(ctx(req), req.params.id, req.body),
  );

  // Import and export
  r.post('/api/import/:kind', {
    schema: {
      tags: ['registry'],
      summary: '导入 CSV / XLSX（全部成功或全部不导入）',
      description: '可带 progressId（客户端生成），导入期间用 GET /api/import/progress/{progressId} 查询进度。',
      params: kindParams,
      querystring: z.object({ progressId: progressIdSchema.optional() }),
      consumes: ['multipart/form-data'],
    },
  }, async (req) => {
    const c = ctx(req);
    assertCan(c.actor, 'registry.import'); // before reading the upload
    const userId = c.actor.id ?? 'system';
    const progressId = req.query.progressId;
    const report = (phase: ImportPhase, done = 0, total = 0) => {
      if (progressId) reportImportProgress(progressId, userId, { phase, done, total });
    };
    const file = await readUpload(req, MAX_IMPORT_BYTES);
    const format = formatOf(file.filename);
    const data = file.data;
    try {
      report('reading');
      const table = await readTable(data, format, file.filename);
      report('validating', 0, table.rows.length);
      const result = await importTable(c, IMPORT_KINDS[req.params.kind] as never, table, (done, total, phase) => report(phase ?? 'writing', done, total));
      report('done', result.total, result.total);
      return result;
    } catch (error) {
      report('failed');
      throw error;
    }
  });
  r.get('/api/import/:kind/template.xlsx', { schema: { tags: ['registry'], summary: '导入模板（XLSX：各列、一行示例与填写说明）', params: kindParams } }, async (req, reply) => {
    assertCan(ctx(req).actor, 'registry.import');
    const kind = IMPORT_KINDS[req.params.kind];
    reply.header('content-disposition', contentDisposition(`${kind.title}导入模板.xlsx`, `${req.params.kind}-template.xlsx`));
    reply.type(XLSX_MIME);
    return reply.send(await importTemplateXlsx(kind.title, kind.columns));
  });
  r.get('/api/import/progress/:progressId', {
    schema: { tags: ['registry'], summary: '导入进度', params: z.object({ progressId: progressIdSchema }) },
  }, async (req) => {
    const c = ctx(req);
    assertCan(c.actor, 'registry.import');
    const progress = readImportProgress(req.params.progressId, c.actor.id ?? 'system');
    if (!progress) throw new AppError('NOT_FOUND', `没有进行中的导入：${req.params.progressId}`);
    return progress;
  });
  r.get('/api/export/:kind', {
    schema: { tags: ['registry'], summary: '导出 CSV / XLSX', params: kindParams, querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }) },
  }, async (req, reply) => {
    const data = await exportRows(ctx(req), req.params.kind, req.query.format);
    const name = `${req.params.kind}-${new Date().toISOString().slice(0, 10)}.${req.query.format}`;
    reply.header('content-disposition', `attachment; filename="${name}"`);
    reply.type(req.query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(data);
  });

  // 变更申请: own users' requests to change verified facts, and the operator's review
  changeRequestRoutes(app, services);

  // Reference data
  r.get('/api/divisions', {
    schema: { tags: ['reference'], summary: 'GB/T 2260 行政区划', querystring: z.object({ q: z.string().max(50).optional(), parent: z.string().regex(/^\d{6}$/).optional() }) },
  }, async (req) => {
    if (req.query.q) return searchDivisions(req.query.q);
    return childrenOf(req.query.parent ?? null);
  });
  r.get('/api/jurisdictions/tree', {
    schema: { tags: ['reference'], summary: '辖区树', querystring: z.object({ root: z.string().regex(/^\d{6}$/).optional() }) },
  }, async (req) => {
    const root = req.query.root ?? req.session!.actor.jurisdictionCode;
    if (!findDivision(root)) throw new AppError('VALIDATION', `未知行政区划：${root}`, { field: 'root' });
    return jurisdictionTree(root);
  });
  r.get('/api/vocabulary', { schema: { tags: ['reference'], summary: '词表（代码与中文名）' } }, async () =>
    Object.fromEntries(
      Object.entries(vocabulary).map(([name, v]) => [name, (v as { table: Record<string, string> }).table]),
    ),
  );
}
