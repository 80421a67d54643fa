/**
 * 单位注册 on both databases: a unit's application is checked (captcha spent once, credit code,
 * evidence by content, password rules, username), reviewed by the operators of its jurisdiction
 * only, approved into a new or claimed organization with an account that is the unit's 单位管理员, or
 * returned with a reason and resubmitted with its history kept; a broker is confirmed by the agency's
 * unit admin. The per-address limits hold under parallel attempts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import type { Actor, Ctx } from '../../context.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { makeOrganization, makePerson, nextIdNumber, nextUscc } from '../../testing/builders.js';
import { login, sessionOf } from '../auth/sessions.js';
import { loadActor } from '../auth/users.js';
import { listNotifications } from '../notifications/notifications.js';
import { getOrganization } from '../registry/organizations.js';
import { getPerson } from '../registry/people.js';
import { issueCaptcha } from './captcha.js';
import { approveRegistration, returnRegistration } from './decide-registration.js';
import { getRegistration, readRegistrationEvidence } from './get-registration.js';
import { listRegistrations } from './list-registrations.js';
import { lookupCreditCode, listPublicAgencies } from './public-lookups.js';
import { readRegistrationStatus, resubmitRegistration } from './registration-status.js';
import { submitRegistration } from './submit-registration.js';
import { spendAttempt, PUBLIC_LIMITS } from './throttle.js';
import { type ApplicationInput, brokerApplication, evidence, knownCaptcha, samplePdf, solvedCaptcha, unitApplication } from './test-support.js';
import { approveBroker, listBrokerApplications } from './broker-confirmation.js';

const PUBLIC: Actor = { id: null, name: 'public', roles: [], jurisdictionCode: '000000', organizationIds: [] };
let ipSerial = 0;

for (const dialect of await testDialects()) {
  describe(`unit registration on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let system: Ctx;
    let operator: Ctx;
    let otherOperator: Ctx;
    /** The public form from an address of its own (each test its own limits). */
    const applicant = () => ({ ...testCtx(handle, PUBLIC), ip: `198.51.100.${++ipSerial}` });
    const submit = async (app: ApplicationInput = unitApplication(), files = evidence()) => {
      const ctx = applicant();
      return submitRegistration(ctx, { ...(await solvedCaptcha(ctx)), application: app }, files);
    };
    const idOf = async (number: string) => (await handle.db.selectFrom('unit_registration').select(['id', 'version']).where('number', '=', number).executeTakeFirstOrThrow());
    const as = async (userId: string) => testCtx(handle, (await loadActor(handle.db, userId))!);

    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      system = testCtx(handle);
      operator = testCtx(handle, { id: null, name: '湛河区科技局 李审核', roles: ['operator'], jurisdictionCode: '410411' });
      otherOperator = testCtx(handle, { id: null, name: '卫东区科技局', roles: ['operator'], jurisdictionCode: '410403' });
    }, 60_000);
    afterAll(async () => handle.drop());

    it('spends a captcha once, right or wrong, and refuses an expired one', async () => {
      const ctx = applicant();
      const c = await issueCaptcha(ctx, knownCaptcha);
      expect(c.image).toMatch(/^data:image\/svg\+xml;base64,/);
      const app = unitApplication();
      await expect(submitRegistration(ctx, { captchaId: c.id, captchaAnswer: 'xxxx', application: app }, evidence())).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'captchaAnswer' } });
      // The wrong answer spent it: the right one no longer opens it.
      await expect(submitRegistration(ctx, { captchaId: c.id, captchaAnswer: 'k7Wd', application: app }, evidence())).rejects.toMatchObject({ message: expect.stringContaining('已失效') });
      const late = await issueCaptcha(ctx, knownCaptcha);
      const tooLate = { ...ctx, clock: { now: () => new Date(new Date(late.expiresAt).getTime() + 1000) } };
      await expect(submitRegistration(tooLate, { captchaId: late.id, captchaAnswer: 'K7WD', application: app }, evidence())).rejects.toMatchObject({ options: { field: 'captchaAnswer' } });
      // Case does not matter, and a fresh one works once.
      const fresh = await issueCaptcha(ctx, knownCaptcha);
      const done = await submitRegistration(ctx, { captchaId: fresh.id, captchaAnswer: 'K7WD', application: app }, evidence());
      expect(done.number).toMatch(/^ZC20260601\d{4}$/);
      await expect(submitRegistration(ctx, { captchaId: fresh.id, captchaAnswer: 'K7WD', application: unitApplication() }, evidence())).rejects.toMatchObject({ options: { field: 'captchaAnswer' } });
    });

    it('refuses bad evidence, weak passwords, taken usernames and a second pending application for a code — storing nothing', async () => {
      const before = await handle.db.selectFrom('unit_registration').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await expect(submit(unitApplication(), { authorization: evidence().authorization })).rejects.toMatchObject({ options: { field: 'license' }, message: expect.stringContaining('请上传营业执照或事业单位法人证书') });
      const text = { data: Buffer.from('这不是PDF'), fileName: '营业执照.pdf' };
      await expect(submit(unitApplication(), { ...evidence(), license: text })).rejects.toMatchObject({ options: { field: 'license' }, message: expect.stringContaining('不是 PDF、JPG 或 PNG') });
      const ofd = { data: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(22), Buffer.from([7, 0, 0, 0]), Buffer.from('OFD.xml')]), fileName: 'a.ofd' };
      await expect(submit(unitApplication(), { ...evidence(), authorization: ofd })).rejects.toMatchObject({ options: { field: 'authorization' } });
      await expect(submit(unitApplication({ password: 'short1A' }))).rejects.toMatchObject({ options: { field: 'application.password' }, message: expect.stringContaining('至少 10 位') });
      await system.db.insertInto('app_user').values({
        id: 'taken-user', username: 'takenname', display_name: '已有', password_hash: 'x', roles: '[]', jurisdiction_code: '410411', failed_logins: 0, locked_until: null, disabled: 0, version: 1, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
        password_changed_at: null, password_expires_at: null, last_login_at: null, last_login_ip: null, mobile: null, email: null, position: null, totp_secret: null, totp_enabled_at: null,
      }).execute();
      await expect(submit(unitApplication({ username: 'takenname' }))).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'application.username' } });
      const after = await handle.db.selectFrom('unit_registration').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));

      const app = unitApplication();
      await submit(app);
      await expect(submit({ ...unitApplication(), creditCode: app.creditCode })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'application.creditCode' } });
      // The lookup tells the public a code is pending, and nothing about a unit not in the registry.
      expect(await lookupCreditCode(applicant(), app.creditCode)).toMatchObject({ registered: false, name: null, pending: true });
    });

    it('approves a new unit: organization, account with the chosen password and the kind’s role, unit admin, contacts, notification, audit', async () => {
      const app = unitApplication({ orgKind: 'research_institute', orgName: '平顶山尼龙新材料研究所', legalRepIdNumber: nextIdNumber() });
      const submitted = await submit(app);
      expect(submitted.queryCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      const status = await readRegistrationStatus(applicant(), { number: submitted.number, queryCode: submitted.queryCode.toLowerCase().replaceAll('-', ' ') });
      expect(status).toMatchObject({ status: 'pending', unitName: '平顶山尼龙新材料研究所', username: app.username });
      await expect(readRegistrationStatus(applicant(), { number: submitted.number, queryCode: 'AAAA-BBBB-CCCC' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

      const { id, version } = await idOf(submitted.number);
      // Only the operators whose jurisdiction covers the division see it.
      expect((await listRegistrations(operator, { status: 'pending', page: 1, pageSize: 100 })).items.map((r) => r.number)).toContain(submitted.number);
      expect((await listRegistrations(otherOperator, { page: 1, pageSize: 100 })).items.map((r) => r.number)).not.toContain(submitted.number);
      await expect(getRegistration(otherOperator, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const detail = await getRegistration(operator, id);
      expect(detail).toMatchObject({ claim: false, registryMatch: null, role: 'institution', usernameTaken: false });
      expect(detail.evidence.map((e) => [e.role, e.mime])).toEqual([['license', 'application/pdf'], ['authorization', 'image/png']]);
      expect((await readRegistrationEvidence(operator, id, detail.evidence[0]!.hash)).content.subarray(0, 5).toString()).toBe('%PDF-');

      const approved = await approveRegistration(operator, id, version);
      expect(approved.status).toBe('approved');
      expect(approved.outcome?.organizationName).toBe('平顶山尼龙新材料研究所');
      const org = await getOrganization(operator, approved.outcome!.organizationId);
      expect(org).toMatchObject({ uscc: app.creditCode, kind: 'research_institute', divisionCode: '410411', address: app.address });
      expect(org.contacts).toEqual([{ name: '李经办', title: '科技项目主管', phone: '13837500001' }]);
      expect(org.legalRepresentative?.name).toBe('王建国');
      const user = await handle.db.selectFrom('app_user').selectAll().where('username', '=', app.username).executeTakeFirstOrThrow();
      expect(JSON.parse(user.roles)).toEqual(['institution']);
      expect(user).toMatchObject({ mobile: '13837500001', position: '科技项目主管', must_change_password: 0, disabled: 0, jurisdiction_code: '410411' });
      expect(await handle.db.selectFrom('unit_admin').select('user_id').where('organization_id', '=', org.id).execute()).toEqual([{ user_id: user.id }]);
      // The password the applicant chose logs in.
      const session = sessionOf(await login({ ...applicant(), actor: PUBLIC }, app.username, app.password!));
      expect(session.actor.organizationIds).toEqual([org.id]);
      const inbox = await listNotifications(await as(user.id), { unread: true, page: 1, pageSize: 10 });
      expect(inbox.items.map((n) => n.title)).toContain('单位注册已通过审核');
      expect((await readRegistrationStatus(applicant(), { number: submitted.number, queryCode: submitted.queryCode })).status).toBe('approved');
      const events = await handle.db.selectFrom('audit_event').select('action').where('subject_id', '=', id).orderBy('seq').execute();
      expect(events.map((e) => e.action)).toEqual(['registration.submit', 'registration.approve']);
      await expect(approveRegistration(operator, id, version + 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('a code the registry holds is claimed: its name shown, the differences marked, no second organization', async () => {
      const held = await makeOrganization(system, { name: '平顶山鹰开高压电气股份有限公司', kind: 'enterprise', address: '湛河区姚孟路1号' });
      const lookup = await lookupCreditCode(applicant(), held.uscc);
      expect(lookup).toEqual({ creditCode: held.uscc, registered: true, name: '平顶山鹰开高压电气股份有限公司', hasUnitAdmin: false, pending: false, refusal: null });
      const app = unitApplication({ creditCode: held.uscc, orgName: '平顶山鹰开高压电气有限公司', address: '湛河区姚孟路1号' });
      const { number } = await submit(app);
      const { id, version } = await idOf(number);
      const detail = await getRegistration(operator, id);
      expect(detail.claim).toBe(true);
      expect(detail.registryMatch?.name).toBe('平顶山鹰开高压电气股份有限公司');
      expect(detail.differences.filter((d) => d.differs).map((d) => d.field)).toEqual(['name', 'legalRepresentative']);
      expect(detail.differences.find((d) => d.field === 'address')?.differs).toBe(false);
      const approved = await approveRegistration(operator, id, version);
      expect(approved.outcome?.organizationId).toBe(held.id);
      expect(Number((await handle.db.selectFrom('organization').select((eb) => eb.fn.countAll<number>().as('n')).where('uscc', '=', held.uscc).executeTakeFirstOrThrow()).n)).toBe(1);
      expect((await lookupCreditCode(applicant(), held.uscc)).hasUnitAdmin).toBe(true);
      // A government department is set up by the bureau, not registered.
      const dept = await makeOrganization(system, { kind: 'government_department', name: '湛河区工业和信息化局' });
      expect((await lookupCreditCode(applicant(), dept.uscc)).refusal).toContain('政府部门');
      await expect(submit(unitApplication({ creditCode: dept.uscc }))).rejects.toMatchObject({ options: { field: 'application.creditCode' } });
    });

    it('returns with a reason; the applicant reads it, corrects, sends new evidence; the history keeps both submissions', async () => {
      const app = unitApplication({ orgName: '平顶山湛河智能装各有限公司' });
      const { number, queryCode } = await submit(app);
      const first = await idOf(number);
      const firstLicense = (await getRegistration(operator, first.id)).evidence[0]!.hash;
      await expect(returnRegistration(otherOperator, first.id, first.version, '名称有误')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await returnRegistration(operator, first.id, first.version, '单位名称与营业执照不一致（“装各”应为“装备”），请更正并重新上传清晰的营业执照。');
      const seen = await readRegistrationStatus(applicant(), { number, queryCode });
      expect(seen).toMatchObject({ status: 'returned', returnReason: expect.stringContaining('“装各”应为“装备”') });
      expect(seen.application).toMatchObject({ orgName: '平顶山湛河智能装各有限公司', creditCode: app.creditCode });
      expect(seen.application).not.toHaveProperty('password');
      await expect(approveRegistration(operator, first.id, first.version + 1)).rejects.toMatchObject({ code: 'CONFLICT' });

      const ctx = applicant();
      const { password: _keep, ...withoutPassword } = app;
      const again = await resubmitRegistration(
        ctx,
        { number, queryCode, ...(await solvedCaptcha(ctx)), application: { ...withoutPassword, orgName: '平顶山湛河智能装备有限公司' } },
        { license: { data: samplePdf('clear license'), fileName: '营业执照（清晰）.pdf' } },
      );
      expect(again.status).toBe('pending');
      expect(again.steps.map((s) => s.action)).toEqual(['submit', 'return', 'resubmit']);
      const second = await idOf(number);
      const detail = await getRegistration(operator, second.id);
      expect(detail).toMatchObject({ orgName: '平顶山湛河智能装备有限公司', submissions: 2 });
      expect(detail.evidence.find((e) => e.role === 'license')?.hash).not.toBe(firstLicense);
      expect(detail.earlierEvidence.map((e) => e.hash)).toEqual([firstLicense]);
      // The kept password still logs in after approval.
      await approveRegistration(operator, second.id, second.version);
      await expect(login({ ...applicant(), actor: PUBLIC }, app.username, app.password!)).resolves.toBeTruthy();
      // A resubmission of an approved application is refused.
      const late = applicant();
      await expect(resubmitRegistration(late, { number, queryCode, ...(await solvedCaptcha(late)), application: withoutPassword }, {})).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('a unit outside the platform’s jurisdiction is reviewed by the platform’s own operators', async () => {
      const app = unitApplication({ divisionCode: '110108', creditCode: nextUscc('110108'), orgName: '北京中关村测试科技有限公司' });
      const { number } = await submit(app);
      expect((await listRegistrations(operator, { page: 1, pageSize: 100 })).items.map((r) => r.number)).toContain(number);
    });

    it('a broker names a verified agency; its unit admin confirms: person with the broker role at the agency, broker account', async () => {
      const app = unitApplication({ orgKind: 'tech_transfer_institution', orgName: '平顶山湛河技术转移中心有限公司' });
      const { number } = await submit(app);
      const agencyReg = await idOf(number);
      await expect(submit(brokerApplication(app.creditCode))).rejects.toMatchObject({ options: { field: 'application.agencyCreditCode' }, message: expect.stringContaining('平台上没有') });
      const unverified = await makeOrganization(system, { kind: 'service_agency', name: '平顶山某知识产权服务有限公司' });
      await expect(submit(brokerApplication(unverified.uscc))).rejects.toMatchObject({ options: { field: 'application.agencyCreditCode' }, message: expect.stringContaining('尚未在平台完成单位注册') });
      const approved = await approveRegistration(operator, agencyReg.id, agencyReg.version);
      expect(await listPublicAgencies(applicant(), '湛河技术转移')).toEqual([{ name: '平顶山湛河技术转移中心有限公司', creditCode: app.creditCode }]);
      const agencyId = approved.outcome!.organizationId;
      const adminId = (await handle.db.selectFrom('app_user').select('id').where('username', '=', app.username).executeTakeFirstOrThrow()).id;
      const unitAdmin = await as(adminId);

      // A person the registry already holds keeps their record and gains the role and the employer.
      const idNumber = nextIdNumber();
      const known = await makePerson(system, { name: '赵经纪', idNumber, roles: [{ role: 'researcher' }] });
      const broker = brokerApplication(app.creditCode, { idNumber, certificateNumber: '豫技经证字〔2025〕第0001号' });
      const { number: brokerNumber, queryCode } = await submit(broker);
      const pending = await listBrokerApplications(unitAdmin, agencyId);
      expect(pending.map((p) => [p.number, p.status, p.idNumberMasked])).toEqual([[brokerNumber, 'pending', expect.stringMatching(/^\d{6}\*{8}[\dX]{4}$/)]]);
      // Not the operator's queue, and not another unit's admin.
      expect((await listRegistrations(operator, { page: 1, pageSize: 100 })).items.map((r) => r.number)).not.toContain(brokerNumber);
      await expect(listBrokerApplications(operator, agencyId)).rejects.toMatchObject({ code: 'FORBIDDEN' });

      await approveBroker(unitAdmin, agencyId, pending[0]!.id, pending[0]!.version);
      const account = await handle.db.selectFrom('app_user').selectAll().where('username', '=', broker.username).executeTakeFirstOrThrow();
      expect(JSON.parse(account.roles)).toEqual(['broker']);
      expect((await loadActor(handle.db, account.id))!.organizationIds).toEqual([agencyId]);
      const person = await getPerson(operator, known.id);
      expect(person.roles.map((r) => r.role).sort()).toEqual(['broker', 'researcher']);
      expect(person.roles.find((r) => r.role === 'broker')).toMatchObject({ certificateNumber: '豫技经证字〔2025〕第0001号', employment: 'full_time' });
      expect(person.affiliations.map((a) => a.organizationId)).toEqual([agencyId]);
      expect((await readRegistrationStatus(applicant(), { number: brokerNumber, queryCode })).status).toBe('approved');
    });

    it('the per-address limit lets at most its maximum through, also in parallel', async () => {
      const ctx = applicant();
      const results = await Promise.allSettled(Array.from({ length: PUBLIC_LIMITS.submit.max + 10 }, () => spendAttempt(ctx, 'submit')));
      expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(PUBLIC_LIMITS.submit.max);
      expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThanOrEqual(10);
      await expect(spendAttempt(ctx, 'submit')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      // Another address is not held back, and the window passes.
      await expect(spendAttempt(applicant(), 'submit')).resolves.toBeUndefined();
      const later = { ...ctx, clock: { now: () => new Date(Date.parse('2026-06-01T08:00:00.000Z') + 61 * 60_000) } };
      await expect(spendAttempt(later, 'submit')).resolves.toBeUndefined();
    });

    it('words every event it wrote in the audit log: no id, code or unlabelled field', async () => {
      const problems = await unwordedAuditEvents(handle.db);
      expect(problems, problems.join('\n')).toEqual([]);
    });
  });
}
