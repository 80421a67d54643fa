/**
 * The annual evaluation report's route: JSON preview by default, or the PDF / XLSX download
 * (?format=pdf|xlsx). Thin: validate, build, present.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { contentDisposition } from '../applications/routes.js';
import { buildAnnualReport } from './build-annual-report.js';
import { annualReportPdf, annualReportXlsx, reportFileName } from './report-documents.js';
import { reportParams, reportQuery } from './schema.js';

const TAGS = ['evaluation'];
const MIME = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export function evaluationRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/evaluation/reports/:year',
    { schema: { tags: TAGS, summary: '年度评估报告（二十一）：预览（JSON），或 format=pdf|xlsx 下载', params: reportParams, querystring: reportQuery } },
    async (req, reply) => {
      const report = await buildAnnualReport(ctxOf(req, services), { year: req.params.year, jurisdiction: req.query.jurisdiction });
      const format = req.query.format ?? 'json';
      if (format === 'json') return report;
      const content = format === 'pdf' ? await annualReportPdf(report) : await annualReportXlsx(report);
      reply.header('content-disposition', contentDisposition(reportFileName(report, format), `evaluation-${report.year}-${report.jurisdictionCode}.${format}`));
      reply.header('content-length', content.length);
      reply.type(MIME[format]);
      return reply.send(content);
    },
  );
}
