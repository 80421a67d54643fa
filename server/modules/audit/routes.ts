import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../../../common/registry-schema.js';
import { isIsoDate } from '../../../common/dates.js';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { exportAuditEvents, listAuditEvents } from './list-events.js';

const isoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD');
const filters = z.object({
  subjectType: z.string().max(40).optional(),
  subjectId: z.string().max(64).optional(),
  action: z.string().max(80).optional(),
  actor: z.string().max(50).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export function auditRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/audit', {
    schema: { tags: ['audit'], summary: '审计日志（每条以文字描述，附原始记录）', querystring: pageQuery.extend(filters.shape) },
  }, async (req) => listAuditEvents(ctxOf(req, services), req.query));

  r.get('/api/audit/export', {
    schema: { tags: ['audit'], summary: '导出审计日志（XLSX，按当前筛选）', querystring: filters },
  }, async (req, reply) => {
    const file = await exportAuditEvents(ctxOf(req, services), req.query);
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    return file.content;
  });
}
