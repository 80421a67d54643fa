/** Talent routes (人才): practitioners, training courses, certificates, researchers on contracts, contributions. Thin: validate, call the use case, present. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { contentDisposition } from '../applications/routes.js';
import { certificateFile } from './certificate-file.js';
import { createCourse } from './create-course.js';
import { enrolPerson } from './enrol-person.js';
import { contributionsXlsx } from './export-contributions.js';
import { getCourse } from './get-course.js';
import { issueCertificates } from './issue-certificates.js';
import { listContractResearchers } from './list-contract-researchers.js';
import { listCourses } from './list-courses.js';
import { listPractitioners } from './list-practitioners.js';
import { markAttendance } from './mark-attendance.js';
import { readContributions } from './read-contributions.js';
import { savePractitioner } from './save-practitioner.js';
import {
  attendanceInput, certificateInput, contributionQuery, courseInput, courseQuery, enrolmentInput, practitionerInput, practitionerPatch, practitionerQuery, researchersInput,
} from './schema.js';
import { setContractResearchers } from './set-contract-researchers.js';
import { updatePractitioner } from './update-practitioner.js';

const id = z.string().min(1).max(64);
const idParams = z.object({ id });
const enrolmentParams = z.object({ id, enrolmentId: id });
const TAGS = ['talent'];
const MIME = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

function download(reply: FastifyReply, file: { name: string; content: Buffer }, format: 'pdf' | 'xlsx', fallback: string) {
  reply.header('content-disposition', contentDisposition(file.name, `${fallback}.${format}`));
  reply.header('content-length', file.content.length);
  reply.type(MIME[format]);
  return reply.send(file.content);
}

export function talentRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services);

  r.get('/api/talent/practitioners', { schema: { tags: TAGS, summary: '从业人员：统计日在任的技术经纪（经理）人、技术转移管理和服务人员，及 T2 计数', querystring: practitionerQuery } }, async (req) =>
    listPractitioners(ctx(req), req.query),
  );
  r.post('/api/talent/practitioners', { schema: { tags: TAGS, summary: '登记从业人员任职期间（身份、机构、证书等级、专兼职、起止日期）', body: practitionerInput } }, async (req, reply) => {
    reply.code(201);
    return savePractitioner(ctx(req), req.body);
  });
  r.patch('/api/talent/practitioners/:id', { schema: { tags: TAGS, summary: '修改从业人员登记（终止任职填写终止日期；带版本号）', params: idParams, body: practitionerPatch } }, async (req) =>
    updatePractitioner(ctx(req), req.params.id, req.body),
  );
  r.get('/api/talent/courses', { schema: { tags: TAGS, summary: '培训课程列表（主题、年度）', querystring: courseQuery } }, async (req) => listCourses(ctx(req), req.query));
  r.post('/api/talent/courses', { schema: { tags: TAGS, summary: '新建培训课程', body: courseInput } }, async (req, reply) => {
    reply.code(201);
    return createCourse(ctx(req), req.body);
  });
  r.get('/api/talent/courses/:id', { schema: { tags: TAGS, summary: '培训课程详情与报名名单', params: idParams } }, async (req) => getCourse(ctx(req), req.params.id));
  r.post('/api/talent/courses/:id/enrolments', { schema: { tags: TAGS, summary: '报名（运营人员为任何人员报名；机构为本单位人员报名）', params: idParams, body: enrolmentInput } }, async (req, reply) => {
    reply.code(201);
    return enrolPerson(ctx(req), req.params.id, req.body);
  });
  r.post('/api/talent/courses/:id/enrolments/:enrolmentId/attendance', { schema: { tags: TAGS, summary: '登记出勤学时（按次累加或按课程一次登记；带版本号）', params: enrolmentParams, body: attendanceInput } }, async (req) =>
    markAttendance(ctx(req), req.params.id, req.params.enrolmentId, req.body),
  );
  r.post('/api/talent/courses/:id/certificates', { schema: { tags: TAGS, summary: '颁发结业证书（出勤达到结业学时者）', params: idParams, body: certificateInput } }, async (req) =>
    issueCertificates(ctx(req), req.params.id, req.body),
  );
  r.get('/api/talent/enrolments/:id/certificate', { schema: { tags: TAGS, summary: '下载结业证书（PDF）', params: idParams } }, async (req, reply) =>
    download(reply, await certificateFile(ctx(req), req.params.id), 'pdf', 'certificate'),
  );
  r.get('/api/talent/contracts/:id/researchers', { schema: { tags: TAGS, summary: '技术合同的科研人员及其角色（能查看合同者可见）', params: idParams } }, async (req) =>
    listContractResearchers(ctx(req), req.params.id),
  );
  r.put('/api/talent/contracts/:id/researchers', { schema: { tags: TAGS, summary: '设置技术合同的科研人员及其角色（项目负责人、主要完成人等）', params: idParams, body: researchersInput } }, async (req) =>
    setContractResearchers(ctx(req), req.params.id, req.body),
  );
  r.get('/api/talent/people/:id/contributions', { schema: { tags: TAGS, summary: '科研人员转化贡献：参与的已登记技术合同（按类型、金额、角色）', params: idParams, querystring: contributionQuery } }, async (req) =>
    readContributions(ctx(req), req.params.id, req.query),
  );
  r.get('/api/talent/people/:id/contributions.xlsx', { schema: { tags: TAGS, summary: '导出转化贡献（XLSX，供职称评审）', params: idParams, querystring: contributionQuery } }, async (req, reply) =>
    download(reply, await contributionsXlsx(ctx(req), req.params.id, req.query), 'xlsx', 'contributions'),
  );
}
