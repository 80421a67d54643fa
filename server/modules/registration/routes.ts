/**
 * Registration routes. Public (no login, under /api/public/): the captcha, the credit-code lookup,
 * the agencies a broker may name, the 授权委托书 template, submitting and resubmitting an application
 * (multipart: the JSON field `data` and the files `license` and `authorization`), its status by number
 * and query code, and joining a unit with an invitation code. Logged in: the 注册审核 queue
 * (registration.review), a unit's users for its 单位管理员 (registration.unit.manage), accepting an
 * invitation (registration.invitation.accept). Thin: limit, validate, call the use case, present.
 */
import { bufferPart } from '../../http/uploads.js';
import { assertCleanText } from '../../http/input-text.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chinaDate } from '../../../common/dates.js';
import { AppError } from '../../errors.js';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { contentDisposition } from '../applications/routes.js';
import { extensionOf } from '../contracts/evidence.js';
import { MAX_EVIDENCE_BYTES } from '../contracts/file-type.js';
import { authorizationLetterPdf } from '../documents/authorization-letter.js';
import { findDivision } from '../registry/divisions.js';
import { PLATFORM_JURISDICTION, type RegistrationUploads } from './application-fields.js';
import { approveBroker, listBrokerApplications, returnBroker } from './broker-confirmation.js';
import { type CaptchaMaker, issueCaptcha, svgCaptchaMaker } from './captcha.js';
import { approveRegistration, returnRegistration } from './decide-registration.js';
import { getRegistration, readRegistrationEvidence } from './get-registration.js';
import { acceptInvitation, checkInvitation, inviteColleague, joinWithInvitation, listInvitations, revokeInvitation } from './invitations.js';
import { listRegistrations, registrationsXlsx } from './list-registrations.js';
import { handOverAdmin, listMembers, listMyUnits, membersXlsx, removeMember } from './members.js';
import { listPublicAgencies, lookupCreditCode } from './public-lookups.js';
import { readRegistrationStatus, resubmitRegistration } from './registration-status.js';
import {
  acceptInvitationInput, agencyQuery, checkInvitationInput, decisionInput, handOverInput, invitationInput, joinInput, lookupQuery, parseField,
  registrationQuery, resubmitData, returnInput, statusInput, submitData,
} from './schema.js';
import { spendAttempt } from './throttle.js';
import { submitRegistration } from './submit-registration.js';
import { pendingIdentityOf } from '../auth/oidc-routes.js';
import { forgetPendingIdentity } from '../auth/oidc-flow.js';

export interface RegistrationRouteOptions {
  /** Draws the captchas; tests give a maker whose answers they know (never told over HTTP). */
  captcha?: CaptchaMaker;
}

const id = z.string().min(1).max(64);
const idParams = z.object({ id });
const hashParams = idParams.extend({ hash: z.string().regex(/^[0-9a-f]{64}$/, { message: '文件哈希应为64位十六进制' }) });
const memberParams = idParams.extend({ userId: id });
const invitationParams = idParams.extend({ invitationId: id });
const applicationParams = idParams.extend({ applicationId: id });
const exportQuery = registrationQuery.pick({ status: true, q: true });
const TAGS = ['registration'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MULTIPART = { consumes: ['multipart/form-data'] };

function send(reply: FastifyReply, file: { name: string; content: Buffer }, mime: string, fallback: string, inline = false) {
  const disposition = contentDisposition(file.name, fallback);
  reply.header('content-disposition', inline ? disposition.replace(/^attachment/, 'inline') : disposition);
  reply.header('content-length', file.content.length);
  reply.type(mime);
  return reply.send(file.content);
}

/** Reads the public form's multipart body: the JSON field `data` and the evidence files. */
async function readForm(req: FastifyRequest): Promise<{ data: unknown; uploads: RegistrationUploads }> {
  const uploads: RegistrationUploads = {};
  let data: unknown;
  for await (const part of req.parts({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 2, fields: 1, fieldSize: 64 * 1024 } })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'license' && part.fieldname !== 'authorization') {
        await part.toBuffer();
        throw new AppError('VALIDATION', `不认识的文件字段：${part.fieldname}（应为 license 或 authorization）`, { field: part.fieldname });
      }
      uploads[part.fieldname] = { data: await bufferPart(part, MAX_EVIDENCE_BYTES), fileName: part.filename };
    } else if (part.fieldname === 'data') {
      try {
        data = JSON.parse(String(part.value));
      } catch {
        throw new AppError('VALIDATION', '表单数据不是有效的 JSON', { field: 'data' });
      }
      assertCleanText(data, 'body', 'data');
    }
  }
  if (data === undefined) throw new AppError('VALIDATION', '缺少表单数据（字段 data）', { field: 'data' });
  return { data, uploads };
}

/** Whom the 授权委托书 is addressed to: the S&T bureau (科学技术局; a province's 科学技术厅) of the platform's jurisdiction. */
function bureauOf(code: string): { addressee: string; platform: string } {
  const division = findDivision(code);
  const name = division?.name ?? '';
  return { addressee: `${name}${division?.level === 'province' ? '科学技术厅' : '科学技术局'}`, platform: `${name}技术转移体系平台` };
}

export function registrationRoutes(app: FastifyInstance, services: Services, options: RegistrationRouteOptions = {}) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, services);
  // The public GETs that count attempts or store a captcha write, so they use the writing connection.
  const writingCtx = (req: FastifyRequest) => ({ ...ctxOf(req, services), db: services.handle.db });
  const captcha = options.captcha ?? svgCaptchaMaker;

  // ---- public: the form
  r.get('/api/public/registration/captcha', { schema: { tags: TAGS, summary: '获取图形验证码（本站生成，10 分钟内有效，只能使用一次）' } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return issueCaptcha(writingCtx(req), captcha);
  });
  r.get('/api/public/registration/lookup', { schema: { tags: TAGS, summary: '查询统一社会信用代码：机构库中已有该单位时返回其名称（认领）', querystring: lookupQuery } }, async (req) => {
    await spendAttempt(writingCtx(req), 'lookup');
    return lookupCreditCode(ctx(req), req.query.creditCode);
  });
  r.get('/api/public/registration/agencies', { schema: { tags: TAGS, summary: '技术经纪人可选择的所属机构（已完成单位注册的技术转移机构、服务机构）', querystring: agencyQuery } }, async (req) =>
    listPublicAgencies(ctx(req), req.query.q),
  );
  r.get('/api/public/registration/authorization-letter.pdf', { schema: { tags: TAGS, summary: '下载授权委托书模板（PDF）' } }, async (req, reply) => {
    const content = await authorizationLetterPdf({ ...bureauOf(PLATFORM_JURISDICTION), date: chinaDate(services.clock.now()) });
    return send(reply, { name: '授权委托书（模板）.pdf', content }, 'application/pdf', 'authorization-letter.pdf');
  });
  r.post('/api/public/registrations', { schema: { tags: TAGS, summary: '提交单位注册或技术经纪人注册申请（multipart：data 为 JSON，文件 license、authorization）', ...MULTIPART } }, async (req, reply) => {
    const c = ctx(req);
    await spendAttempt(c, 'submit'); // before reading the upload
    const { data, uploads } = await readForm(req);
    const input = parseField(submitData, data);
    reply.code(201);
    // A first-time single sign-on identity (its httpOnly cookie, GET /api/auth/oidc/pending) goes with the
    // application and is linked to the account on approval; the browser never names an identity itself.
    const pending = await pendingIdentityOf(req, services);
    const submitted = await submitRegistration(c, input, uploads, pending ? { identity: pending.identity } : {});
    if (pending) await forgetPendingIdentity(services.handle.db, pending.token);
    return submitted;
  });
  r.post('/api/public/registrations/status', { schema: { tags: TAGS, summary: '凭申请编号和查询码查询注册申请', body: statusInput } }, async (req) => {
    const c = ctx(req);
    await spendAttempt(c, 'status');
    return readRegistrationStatus(c, req.body);
  });
  r.post('/api/public/registrations/resubmit', { schema: { tags: TAGS, summary: '修改被退回的注册申请后重新提交（multipart，同提交；未上传的证明文件沿用上次的）', ...MULTIPART } }, async (req) => {
    const c = ctx(req);
    await spendAttempt(c, 'submit');
    const { data, uploads } = await readForm(req);
    return resubmitRegistration(c, parseField(resubmitData, data), uploads);
  });
  r.post('/api/public/invitations/check', { schema: { tags: TAGS, summary: '查看邀请码对应的单位', body: checkInvitationInput } }, async (req) => {
    const c = ctx(req);
    await spendAttempt(c, 'join');
    return checkInvitation(c, req.body.code);
  });
  r.post('/api/public/invitations/join', { schema: { tags: TAGS, summary: '凭邀请码注册账号并加入单位', body: joinInput } }, async (req, reply) => {
    const c = ctx(req);
    await spendAttempt(c, 'join');
    reply.code(201);
    return joinWithInvitation(c, req.body);
  });

  // ---- logged in: accepting an invitation with an existing account
  r.post('/api/invitations/accept', { schema: { tags: TAGS, summary: '以当前账号接受邀请，加入该单位', body: acceptInvitationInput } }, async (req) =>
    acceptInvitation(ctx(req), req.body.code),
  );

  // ---- the 注册审核 queue
  r.get('/api/registrations', { schema: { tags: TAGS, summary: '注册审核：本辖区的单位注册申请', querystring: registrationQuery } }, async (req) => listRegistrations(ctx(req), req.query));
  r.get('/api/registrations/export.xlsx', { schema: { tags: TAGS, summary: '导出单位注册申请（XLSX）', querystring: exportQuery } }, async (req, reply) =>
    send(reply, await registrationsXlsx(ctx(req), req.query), XLSX, 'registrations.xlsx'),
  );
  r.get('/api/registrations/:id', { schema: { tags: TAGS, summary: '注册申请详情：证明文件、机构库比对、历史', params: idParams } }, async (req) => getRegistration(ctx(req), req.params.id));
  r.get('/api/registrations/:id/evidence/:hash', {
    schema: { tags: TAGS, summary: '查看或下载注册申请的证明文件（?download=1 下载）', params: hashParams, querystring: z.object({ download: z.enum(['1']).optional() }) },
  }, async (req, reply) => {
    const file = await readRegistrationEvidence(ctx(req), req.params.id, req.params.hash);
    const ext = extensionOf(file.mime);
    return send(reply, { name: `${file.label}.${ext}`, content: file.content }, file.mime, `evidence-${req.params.hash.slice(0, 12)}.${ext}`, !req.query.download);
  });
  r.post('/api/registrations/:id/approve', { schema: { tags: TAGS, summary: '审核通过：建立或认领机构，开通账号并设为单位管理员', params: idParams, body: decisionInput } }, async (req) =>
    approveRegistration(ctx(req), req.params.id, req.body.version),
  );
  r.post('/api/registrations/:id/return', { schema: { tags: TAGS, summary: '退回申请人修改（须写明原因）', params: idParams, body: returnInput } }, async (req) =>
    returnRegistration(ctx(req), req.params.id, req.body.version, req.body.reason),
  );

  // ---- a unit's users (单位管理员)
  r.get('/api/units/mine', { schema: { tags: TAGS, summary: '我所在的单位及其单位管理员' } }, async (req) => listMyUnits(ctx(req)));
  r.get('/api/units/:id/members', { schema: { tags: TAGS, summary: '本单位用户', params: idParams } }, async (req) => listMembers(ctx(req), req.params.id));
  r.get('/api/units/:id/members.xlsx', { schema: { tags: TAGS, summary: '导出本单位用户（XLSX）', params: idParams } }, async (req, reply) =>
    send(reply, await membersXlsx(ctx(req), req.params.id), XLSX, 'unit-users.xlsx'),
  );
  r.delete('/api/units/:id/members/:userId', { schema: { tags: TAGS, summary: '移除本单位用户（不再属于任何单位的账号将停用）', params: memberParams } }, async (req) =>
    removeMember(ctx(req), req.params.id, req.params.userId),
  );
  r.post('/api/units/:id/admin', { schema: { tags: TAGS, summary: '把单位管理员移交给本单位的另一位用户', params: idParams, body: handOverInput } }, async (req) =>
    handOverAdmin(ctx(req), req.params.id, req.body.userId),
  );
  r.get('/api/units/:id/invitations', { schema: { tags: TAGS, summary: '本单位发出的邀请码', params: idParams } }, async (req) => listInvitations(ctx(req), req.params.id));
  r.post('/api/units/:id/invitations', { schema: { tags: TAGS, summary: '生成邀请码（7 天内有效，只能使用一次，仅显示一次）', params: idParams, body: invitationInput } }, async (req, reply) => {
    reply.code(201);
    return inviteColleague(ctx(req), req.params.id, req.body.note);
  });
  r.post('/api/units/:id/invitations/:invitationId/revoke', { schema: { tags: TAGS, summary: '作废未使用的邀请码', params: invitationParams } }, async (req) =>
    revokeInvitation(ctx(req), req.params.id, req.params.invitationId),
  );
  r.get('/api/units/:id/broker-applications', { schema: { tags: TAGS, summary: '本机构的技术经纪人注册申请', params: idParams } }, async (req) =>
    listBrokerApplications(ctx(req), req.params.id),
  );
  r.post('/api/units/:id/broker-applications/:applicationId/approve', { schema: { tags: TAGS, summary: '确认技术经纪人：登记人员并开通经纪人账号', params: applicationParams, body: decisionInput } }, async (req) =>
    approveBroker(ctx(req), req.params.id, req.params.applicationId, req.body.version),
  );
  r.post('/api/units/:id/broker-applications/:applicationId/return', { schema: { tags: TAGS, summary: '退回技术经纪人注册申请（须写明原因）', params: applicationParams, body: returnInput } }, async (req) =>
    returnBroker(ctx(req), req.params.id, req.params.applicationId, req.body.version, req.body.reason),
  );
}
