/**
 * Indicator routes: thin — validate, call the use case, present. The dashboard's values as of a
 * date, one indicator's drill-down, yearly trends; public statistics and their open data downloads
 * under /api/public/ (no session).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Services, PUBLIC_ACTOR, ctxOf } from '../../http/session-hook.js';
import { computeIndicators, computeTrends } from './compute-indicators.js';
import { listIndicatorEntities } from './list-indicator-entities.js';
import { publicStatistics, statisticsCsv } from './public-statistics.js';
import { asOfQuery, entitiesQuery, publicQuery, trendsQuery } from './schema.js';

const TAGS = ['indicators'];
const idParams = z.object({ id: z.string().min(1).max(40) });

export function indicatorRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  r.get('/api/indicators', { schema: { tags: TAGS, summary: '目标监测：全部指标的值、目标、期限与分组（asOf 默认今天）', querystring: asOfQuery } }, async (req) =>
    computeIndicators(ctx(req), req.query),
  );
  r.get('/api/indicators/trends', { schema: { tags: TAGS, summary: '指标年度趋势（from–to 年，默认近五年）', querystring: trendsQuery } }, async (req) =>
    computeTrends(ctx(req), req.query),
  );
  r.get('/api/indicators/:id/entities', { schema: { tags: TAGS, summary: '指标明细：计入该指标的机构、平台、人员、合同或申报（分页）', params: idParams, querystring: entitiesQuery } }, async (req) =>
    listIndicatorEntities(ctx(req), req.params.id, req.query),
  );

  // Public statistics (统计公开) and open data.
  const publicCtx = (req: Parameters<typeof ctxOf>[0]) => ({ ...ctx(req), actor: PUBLIC_ACTOR });
  r.get('/api/public/statistics', { schema: { tags: TAGS, summary: '统计公开：公开指标的当前值（公开）', querystring: publicQuery } }, async (req) =>
    publicStatistics(publicCtx(req), req.query),
  );
  r.get('/api/public/statistics.json', { schema: { tags: TAGS, summary: '开放数据下载：公开指标（JSON）', querystring: publicQuery } }, async (req, reply) => {
    const report = await publicStatistics(publicCtx(req), req.query);
    reply.header('content-disposition', `attachment; filename="statistics-${report.jurisdictionCode}-${report.asOf}.json"`);
    reply.type('application/json; charset=utf-8');
    return reply.send(JSON.stringify(report, null, 2));
  });
  r.get('/api/public/statistics.csv', { schema: { tags: TAGS, summary: '开放数据下载：公开指标（CSV，UTF-8）', querystring: publicQuery } }, async (req, reply) => {
    const report = await publicStatistics(publicCtx(req), req.query);
    reply.header('content-disposition', `attachment; filename="statistics-${report.jurisdictionCode}-${report.asOf}.csv"`);
    reply.type('text/csv; charset=utf-8');
    return reply.send(statisticsCsv(report));
  });
}
