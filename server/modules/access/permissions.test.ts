/**
 * The one table of who may do what, tested for every role against every route: a role without the
 * action gets 403; a role with it does not; an "own" role is refused another organization's data.
 * The route list is checked against the OpenAPI document, so a new route cannot skip this test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_ROLES, type UserRole } from '../../../common/vocabulary.js';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { makeOrganization, makePerson, makePlatform, organizationInputFor, nextIdNumber, nextUscc } from '../../testing/builders.js';
import { type Action, scopeFor } from './permissions.js';
import { createContract } from '../contracts/contracts.js';
import { contractInput } from '../contracts/schema.js';
import { createDeal } from '../deals/create-deal.js';
import { makeBrokerPerson, publishedAchievement, publishedDemand } from '../deals/test-support.js';
import { testCtx } from '../../testing/context.js';
import { storeChangeRequestEvidence, submitChangeRequest } from '../registry/change-requests.js';
import { makeUnitAdmin } from '../registration/test-support.js';

interface RouteCase {
  method: string;
  path: string;
  action: Action | 'public' | 'authenticated';
  url: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  /** For "own" scopes: the same route aimed at an organization the account does not act for. */
  foreignUrl?: (ids: Ids) => string;
  /** The same, when the organization is named in the body rather than the URL. */
  foreignBody?: (ids: Ids) => unknown;
}

interface Ids {
  own: string;
  other: string;
  ownVersion: () => Promise<number>;
  person: string;
  platform: string;
  contract: string;
  otherContract: string;
  /** A deal between other organizations, with a broker of another institution. */
  otherDeal: string;
  /** Pending 变更申请 of the own and of the other organization, and the evidence they carry. */
  ownRequest: string;
  otherRequest: string;
  evidenceHash: string;
}

const ROUTES: RouteCase[] = [
  { method: 'GET', path: '/api/health', action: 'public', url: () => '/api/health' },
  { method: 'GET', path: '/api/vocabulary', action: 'public', url: () => '/api/vocabulary' },
  { method: 'GET', path: '/api/divisions', action: 'public', url: () => '/api/divisions?q=湛河' },
  { method: 'POST', path: '/api/auth/login', action: 'public', url: () => '/api/auth/login', body: () => ({ username: 'x', password: 'y' }) },
  { method: 'POST', path: '/api/auth/logout', action: 'public', url: () => '/api/auth/logout' },
  { method: 'GET', path: '/api/auth/me', action: 'authenticated', url: () => '/api/auth/me' },
  // 统一身份认证 (server/modules/auth/oidc-routes.ts): browser redirects, public; off in this app, they say so.
  { method: 'GET', path: '/api/auth/options', action: 'public', url: () => '/api/auth/options' },
  { method: 'GET', path: '/api/auth/oidc/start', action: 'public', url: () => '/api/auth/oidc/start' },
  { method: 'GET', path: '/api/auth/oidc/callback', action: 'public', url: () => '/api/auth/oidc/callback?state=none&code=none' },
  { method: 'GET', path: '/api/auth/oidc/pending', action: 'public', url: () => '/api/auth/oidc/pending' },
  // 账号安全 (server/modules/auth): every signed-in user, for their own account only.
  { method: 'POST', path: '/api/auth/password', action: 'authenticated', url: () => '/api/auth/password', body: () => ({ oldPassword: 'not-the-password', newPassword: 'x' }) },
  { method: 'GET', path: '/api/auth/sessions', action: 'authenticated', url: () => '/api/auth/sessions' },
  { method: 'DELETE', path: '/api/auth/sessions/{handle}', action: 'authenticated', url: () => '/api/auth/sessions/none' },
  { method: 'POST', path: '/api/auth/sessions/end-others', action: 'authenticated', url: () => '/api/auth/sessions/end-others' },
  { method: 'POST', path: '/api/auth/login/totp', action: 'public', url: () => '/api/auth/login/totp', body: () => ({ challengeToken: 'none', code: '000000' }) },
  { method: 'GET', path: '/api/auth/totp', action: 'authenticated', url: () => '/api/auth/totp' },
  { method: 'POST', path: '/api/auth/totp/setup', action: 'authenticated', url: () => '/api/auth/totp/setup' },
  { method: 'POST', path: '/api/auth/totp/confirm', action: 'authenticated', url: () => '/api/auth/totp/confirm', body: () => ({ code: '000000' }) },
  { method: 'POST', path: '/api/auth/totp/disable', action: 'authenticated', url: () => '/api/auth/totp/disable', body: () => ({ password: 'x', code: '000000' }) },
  { method: 'GET', path: '/api/jurisdictions/tree', action: 'authenticated', url: () => '/api/jurisdictions/tree' },
  { method: 'GET', path: '/api/organizations', action: 'registry.organization.read', url: () => '/api/organizations' },
  { method: 'GET', path: '/api/organizations/{id}', action: 'registry.organization.read', url: (i) => `/api/organizations/${i.own}`, foreignUrl: (i) => `/api/organizations/${i.other}` },
  { method: 'POST', path: '/api/organizations', action: 'registry.organization.create', url: () => '/api/organizations', body: () => organizationInputFor() },
  { method: 'PATCH', path: '/api/organizations/{id}', action: 'registry.organization.update_contact', url: (i) => `/api/organizations/${i.own}`, foreignUrl: (i) => `/api/organizations/${i.other}`, body: () => ({ version: 1, address: '湛河区', description: '权限测试机构简介' }) },
  { method: 'POST', path: '/api/organizations/{id}/qualifications', action: 'registry.qualification.create', url: (i) => `/api/organizations/${i.own}/qualifications`, foreignUrl: (i) => `/api/organizations/${i.other}/qualifications`, body: () => ({ type: 'tech_sme', number: `2026410411A${Math.random().toString().slice(2, 8)}`, issuedOn: '2026-03-01' }) },
  { method: 'PUT', path: '/api/organizations/{id}/equity', action: 'registry.equity.replace', url: (i) => `/api/organizations/${i.own}/equity`, foreignUrl: (i) => `/api/organizations/${i.other}/equity`, body: () => ({ holders: [] }) },
  { method: 'GET', path: '/api/people', action: 'registry.person.read', url: () => '/api/people' },
  { method: 'GET', path: '/api/people/{id}', action: 'registry.person.read', url: (i) => `/api/people/${i.person}` },
  { method: 'POST', path: '/api/people', action: 'registry.person.create', url: () => '/api/people', body: () => ({ name: '李新', idNumber: nextIdNumber() }) },
  { method: 'PATCH', path: '/api/people/{id}', action: 'registry.person.update_contact', url: (i) => `/api/people/${i.person}`, body: () => ({ version: 999, phone: '0375-1234567' }) },
  { method: 'GET', path: '/api/platforms', action: 'registry.platform.read', url: () => '/api/platforms' },
  { method: 'GET', path: '/api/platforms/{id}', action: 'registry.platform.read', url: (i) => `/api/platforms/${i.platform}` },
  { method: 'POST', path: '/api/platforms', action: 'registry.platform.create', url: () => '/api/platforms', body: (i) => ({ name: `新平台${Math.random().toString().slice(2, 8)}`, type: 'incubator', level: 'district', hostOrganizationId: i.own, recognizedOn: '2024-01-01' }) },
  { method: 'PATCH', path: '/api/platforms/{id}', action: 'registry.platform.update', url: (i) => `/api/platforms/${i.platform}`, body: () => ({ version: 999 }) },
  { method: 'POST', path: '/api/import/{kind}', action: 'registry.import', url: () => '/api/import/organizations' },
  { method: 'GET', path: '/api/import/{kind}/template.xlsx', action: 'registry.import', url: () => '/api/import/organizations/template.xlsx' },
  { method: 'GET', path: '/api/import/progress/{progressId}', action: 'registry.import', url: () => '/api/import/progress/no-such-import' },
  { method: 'GET', path: '/api/export/{kind}', action: 'registry.export', url: () => '/api/export/organizations?format=csv' },
  { method: 'GET', path: '/api/audit', action: 'audit.read', url: () => '/api/audit' },
  { method: 'GET', path: '/api/audit/export', action: 'audit.read', url: () => '/api/audit/export' },
  { method: 'GET', path: '/api/contracts', action: 'contracts.contract.read', url: () => '/api/contracts' },
  { method: 'GET', path: '/api/contracts/parties', action: 'contracts.party.lookup', url: () => '/api/contracts/parties?q=%E5%85%AC%E5%8F%B8' },
  { method: 'POST', path: '/api/contracts', action: 'contracts.contract.create', url: () => '/api/contracts', body: (i) => contractBody(i.own, i.other) },
  { method: 'GET', path: '/api/contracts/{id}', action: 'contracts.contract.read', url: (i) => `/api/contracts/${i.contract}`, foreignUrl: (i) => `/api/contracts/${i.otherContract}` },
  { method: 'PATCH', path: '/api/contracts/{id}', action: 'contracts.contract.update', url: (i) => `/api/contracts/${i.contract}`, foreignUrl: (i) => `/api/contracts/${i.otherContract}`, body: () => ({ version: 999, name: '改名' }) },
  { method: 'POST', path: '/api/contracts/{id}/transitions', action: 'contracts.contract.submit', url: (i) => `/api/contracts/${i.contract}/transitions`, foreignUrl: (i) => `/api/contracts/${i.otherContract}/transitions`, body: () => ({ to: 'submitted', version: 999 }) },
  { method: 'GET', path: '/api/contracts/{id}/related-parties', action: 'contracts.contract.read', url: (i) => `/api/contracts/${i.contract}/related-parties`, foreignUrl: (i) => `/api/contracts/${i.otherContract}/related-parties` },
  { method: 'GET', path: '/api/contracts/{id}/payments', action: 'contracts.contract.read', url: (i) => `/api/contracts/${i.contract}/payments`, foreignUrl: (i) => `/api/contracts/${i.otherContract}/payments` },
  { method: 'POST', path: '/api/contracts/{id}/payments', action: 'contracts.payment.write', url: (i) => `/api/contracts/${i.contract}/payments`, foreignUrl: (i) => `/api/contracts/${i.otherContract}/payments`, body: () => ({ paidOn: '2026-05-01', amountFen: 100 }) },
  { method: 'PUT', path: '/api/contracts/{id}/payments/{paymentId}', action: 'contracts.payment.write', url: (i) => `/api/contracts/${i.contract}/payments/none`, foreignUrl: (i) => `/api/contracts/${i.otherContract}/payments/none`, body: () => ({ version: 1, paidOn: '2026-05-01', amountFen: 100 }) },
  { method: 'DELETE', path: '/api/contracts/{id}/payments/{paymentId}', action: 'contracts.payment.write', url: (i) => `/api/contracts/${i.contract}/payments/none?version=1`, foreignUrl: (i) => `/api/contracts/${i.otherContract}/payments/none?version=1` },
  { method: 'POST', path: '/api/evidence', action: 'contracts.payment.write', url: () => '/api/evidence' },
  // 成果定价公示 (server/modules/pricing)
  { method: 'GET', path: '/api/contracts/{id}/pricing', action: 'contracts.contract.read', url: (i) => `/api/contracts/${i.contract}/pricing`, foreignUrl: (i) => `/api/contracts/${i.otherContract}/pricing` },
  {
    method: 'POST', path: '/api/contracts/{id}/pricing', action: 'pricing.publicity.write', url: (i) => `/api/contracts/${i.contract}/pricing`, foreignUrl: (i) => `/api/contracts/${i.otherContract}/pricing`,
    body: () => ({ method: 'agreement', priceFen: 100, decisionBody: '校长办公会', decidedOn: '2026-05-01' }),
  },
  { method: 'POST', path: '/api/pricing/{id}/withdraw', action: 'pricing.publicity.write', url: () => '/api/pricing/none/withdraw', body: () => ({ version: 1, reason: '权限测试' }) },
  { method: 'POST', path: '/api/pricing/valuation-reports', action: 'pricing.publicity.write', url: () => '/api/pricing/valuation-reports' },
  { method: 'POST', path: '/api/pricing/{id}/objections', action: 'pricing.objection.create', url: () => '/api/pricing/none/objections', body: () => ({ content: '权限测试异议内容' }) },
  { method: 'POST', path: '/api/pricing/objections/{id}/answer', action: 'pricing.objection.answer', url: () => '/api/pricing/objections/none/answer', body: () => ({ version: 1, answer: '权限测试' }) },
  { method: 'GET', path: '/api/public/pricing', action: 'public', url: () => '/api/public/pricing' },
  { method: 'GET', path: '/api/public/pricing/export.xlsx', action: 'public', url: () => '/api/public/pricing/export.xlsx' },
  { method: 'GET', path: '/api/public/pricing/{id}', action: 'public', url: () => '/api/public/pricing/none' },
  { method: 'GET', path: '/api/public/pricing/{id}/valuation-report', action: 'public', url: () => '/api/public/pricing/none/valuation-report' },
  { method: 'POST', path: '/api/public/pricing/{id}/objections', action: 'public', url: () => '/api/public/pricing/none/objections', body: () => ({ name: '权限测试', contact: '13800000000', content: '权限测试异议内容' }) },
  { method: 'GET', path: '/api/contracts/{id}/evidence/{hash}', action: 'contracts.contract.read', url: (i) => `/api/contracts/${i.contract}/evidence/${'0'.repeat(64)}`, foreignUrl: (i) => `/api/contracts/${i.otherContract}/evidence/${'0'.repeat(64)}` },
  { method: 'POST', path: '/api/contracts/import/{kind}', action: 'contracts.import', url: () => '/api/contracts/import/contracts' },
  { method: 'GET', path: '/api/contracts/import/{kind}/template.xlsx', action: 'contracts.import', url: () => '/api/contracts/import/contracts/template.xlsx' },
  { method: 'GET', path: '/api/subsidies/policies', action: 'public', url: () => '/api/subsidies/policies' },
  { method: 'GET', path: '/api/subsidies/policies/{id}', action: 'public', url: () => '/api/subsidies/policies/zhanhe-2022' },
  { method: 'POST', path: '/api/subsidies/settlements', action: 'subsidies.settlement.run', url: () => '/api/subsidies/settlements', body: () => ({ policy: 'zhanhe-2022', year: 2023 }) },
  { method: 'GET', path: '/api/subsidies/settlements', action: 'subsidies.settlement.read', url: () => '/api/subsidies/settlements' },
  { method: 'GET', path: '/api/subsidies/settlements/{id}', action: 'subsidies.settlement.read', url: () => '/api/subsidies/settlements/none' },
  { method: 'GET', path: '/api/subsidies/settlements/{id}/awards', action: 'subsidies.settlement.read', url: () => '/api/subsidies/settlements/none/awards' },
  { method: 'GET', path: '/api/subsidies/settlements/{id}/exclusions', action: 'subsidies.settlement.read', url: () => '/api/subsidies/settlements/none/exclusions' },
  { method: 'GET', path: '/api/subsidies/settlements/{id}/awards/{seq}', action: 'subsidies.settlement.read', url: () => '/api/subsidies/settlements/none/awards/1' },
  { method: 'GET', path: '/api/notices', action: 'applications.notice.read', url: () => '/api/notices' },
  { method: 'POST', path: '/api/notices', action: 'applications.notice.create', url: () => '/api/notices', body: () => noticeBody() },
  { method: 'GET', path: '/api/notices/{id}', action: 'applications.notice.read', url: () => '/api/notices/none' },
  { method: 'POST', path: '/api/notices/{id}/compute', action: 'applications.notice.compute', url: () => '/api/notices/none/compute', body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/notices/{id}/publicize', action: 'applications.notice.publicize', url: () => '/api/notices/none/publicize', body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/notices/{id}/approve', action: 'applications.notice.approve', url: () => '/api/notices/none/approve', body: () => ({ version: 1 }) },
  { method: 'GET', path: '/api/notices/{id}/objections', action: 'applications.objection.resolve', url: () => '/api/notices/none/objections' },
  { method: 'POST', path: '/api/notices/{id}/objections', action: 'applications.objection.create', url: () => '/api/notices/none/objections', body: () => ({ applicationId: 'none', content: '权限测试异议内容' }) },
  { method: 'POST', path: '/api/objections/{id}/resolve', action: 'applications.objection.resolve', url: () => '/api/objections/none/resolve', body: () => ({ version: 1, outcome: 'dismissed', resolution: '权限测试' }) },
  { method: 'GET', path: '/api/notices/{id}/payment-list', action: 'applications.payment.read', url: () => '/api/notices/none/payment-list?format=xlsx' },
  { method: 'GET', path: '/api/applications', action: 'applications.application.read', url: () => '/api/applications' },
  { method: 'POST', path: '/api/applications', action: 'applications.application.create', url: () => '/api/applications', body: (i) => ({ noticeId: 'none', organizationId: i.own }) },
  { method: 'GET', path: '/api/applications/{id}', action: 'applications.application.read', url: () => '/api/applications/none' },
  { method: 'PATCH', path: '/api/applications/{id}', action: 'applications.application.update', url: () => '/api/applications/none', body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/applications/{id}/submit', action: 'applications.application.submit', url: () => '/api/applications/none/submit', body: () => ({ version: 1, commitment: { accepted: true, signer: '权限测试' } }) },
  { method: 'POST', path: '/api/applications/{id}/first-review', action: 'applications.application.first_review', url: () => '/api/applications/none/first-review', body: () => ({ version: 1, decision: 'pass' }) },
  { method: 'POST', path: '/api/applications/{id}/second-review', action: 'applications.application.second_review', url: () => '/api/applications/none/second-review', body: () => ({ version: 1, decision: 'pass' }) },
  { method: 'POST', path: '/api/applications/{id}/payment', action: 'applications.payment.record', url: () => '/api/applications/none/payment', body: () => ({ version: 1, paidOn: '2026-05-01', bankReference: 'REF-0001' }) },
  { method: 'GET', path: '/api/applications/{id}/award-notice', action: 'applications.application.read', url: () => '/api/applications/none/award-notice' },
  { method: 'GET', path: '/api/applications/{id}/evidence/{hash}', action: 'applications.application.read', url: () => `/api/applications/none/evidence/${'0'.repeat(64)}` },
  { method: 'GET', path: '/api/public/notices', action: 'public', url: () => '/api/public/notices' },
  { method: 'GET', path: '/api/public/notices/{id}', action: 'public', url: () => '/api/public/notices/none' },
  { method: 'GET', path: '/api/public/notices/{id}/list', action: 'public', url: () => '/api/public/notices/none/list?format=pdf' },
  { method: 'POST', path: '/api/public/notices/{id}/objections', action: 'public', url: () => '/api/public/notices/none/objections', body: () => ({ applicationId: 'none', name: '权限测试', contact: '13800000000', content: '权限测试异议内容' }) },
  // The technology market (server/modules/market).
  { method: 'GET', path: '/api/market/achievements', action: 'market.listing.read', url: () => '/api/market/achievements' },
  { method: 'POST', path: '/api/market/achievements', action: 'market.listing.create', url: () => '/api/market/achievements', body: (i) => marketAchievementBody(i.own) },
  { method: 'GET', path: '/api/market/achievements/{id}', action: 'market.listing.read', url: () => '/api/market/achievements/none' },
  { method: 'PATCH', path: '/api/market/achievements/{id}', action: 'market.listing.update', url: () => '/api/market/achievements/none', body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/market/achievements/{id}/transitions', action: 'market.listing.submit', url: () => '/api/market/achievements/none/transitions', body: () => ({ to: 'pending', version: 1 }) },
  { method: 'GET', path: '/api/market/demands', action: 'market.listing.read', url: () => '/api/market/demands' },
  { method: 'POST', path: '/api/market/demands', action: 'market.listing.create', url: () => '/api/market/demands', body: (i) => ({ title: '权限测试需求', problem: '权限测试需求的问题描述，至少十个字。', organizationId: i.own }) },
  { method: 'GET', path: '/api/market/demands/{id}', action: 'market.listing.read', url: () => '/api/market/demands/none' },
  { method: 'PATCH', path: '/api/market/demands/{id}', action: 'market.listing.update', url: () => '/api/market/demands/none', body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/market/demands/{id}/transitions', action: 'market.listing.moderate', url: () => '/api/market/demands/none/transitions', body: () => ({ to: 'published', version: 1 }) },
  { method: 'POST', path: '/api/market/attachments', action: 'market.listing.create', url: () => '/api/market/attachments' },
  { method: 'GET', path: '/api/market/{kind}/{id}/attachments/{hash}', action: 'market.listing.read', url: () => `/api/market/achievements/none/attachments/${'0'.repeat(64)}` },
  { method: 'GET', path: '/api/market/{kind}/{id}/matches', action: 'market.match.read', url: () => '/api/market/demands/none/matches' },
  { method: 'GET', path: '/api/public/market/search', action: 'public', url: () => '/api/public/market/search?q=电池' },
  { method: 'GET', path: '/api/public/market/achievements/{id}', action: 'public', url: () => '/api/public/market/achievements/none' },
  { method: 'GET', path: '/api/public/market/demands/{id}', action: 'public', url: () => '/api/public/market/demands/none' },
  { method: 'GET', path: '/api/public/market/{kind}/{id}/attachments/{hash}', action: 'public', url: () => `/api/public/market/demands/none/attachments/${'0'.repeat(64)}` },
  { method: 'POST', path: '/api/market/inquiries', action: 'market.inquiry.create', url: () => '/api/market/inquiries', body: () => ({ listingKind: 'achievement', listingId: 'none', message: '权限测试留言内容' }) },
  { method: 'GET', path: '/api/market/inquiries', action: 'market.inquiry.read', url: () => '/api/market/inquiries' },
  { method: 'POST', path: '/api/market/inquiries/{id}/answer', action: 'market.inquiry.answer', url: () => '/api/market/inquiries/none/answer', body: () => ({ version: 1, answer: '权限测试回复' }) },
  { method: 'POST', path: '/api/market/import/{kind}', action: 'market.import', url: () => '/api/market/import/achievements' },
  { method: 'GET', path: '/api/market/import/{kind}/template.xlsx', action: 'market.import', url: () => '/api/market/import/achievements/template.xlsx' },
  { method: 'GET', path: '/api/market/export/{kind}', action: 'market.export', url: () => '/api/market/export/demands?format=csv' },
  // Supervision (server/modules/supervision) and the notification centre (server/modules/notifications).
  { method: 'GET', path: '/api/supervision/plans', action: 'supervision.plan.read', url: () => '/api/supervision/plans' },
  { method: 'POST', path: '/api/supervision/plans', action: 'supervision.plan.load', url: () => '/api/supervision/plans' },
  { method: 'GET', path: '/api/supervision/plans/{id}', action: 'supervision.plan.read', url: () => '/api/supervision/plans/none' },
  { method: 'GET', path: '/api/supervision/plans/{id}/board', action: 'supervision.board.read', url: () => '/api/supervision/plans/none/board' },
  { method: 'GET', path: '/api/supervision/plans/{id}/board.xlsx', action: 'supervision.board.read', url: () => '/api/supervision/plans/none/board.xlsx' },
  { method: 'PUT', path: '/api/supervision/units/{id}/organization', action: 'supervision.plan.load', url: () => '/api/supervision/units/none/organization', body: () => ({ organizationId: null }) },
  { method: 'GET', path: '/api/supervision/reports', action: 'supervision.report.read', url: () => '/api/supervision/reports' },
  { method: 'POST', path: '/api/supervision/reports', action: 'supervision.report.write', url: () => '/api/supervision/reports', body: () => ({ measureId: 'none', unitId: 'none', period: '2023Q1' }) },
  { method: 'GET', path: '/api/supervision/reports/{id}', action: 'supervision.report.read', url: () => '/api/supervision/reports/none' },
  { method: 'PATCH', path: '/api/supervision/reports/{id}', action: 'supervision.report.write', url: () => '/api/supervision/reports/none', body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/supervision/reports/{id}/submit', action: 'supervision.report.submit', url: () => '/api/supervision/reports/none/submit', body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/supervision/reports/{id}/review', action: 'supervision.report.review', url: () => '/api/supervision/reports/none/review', body: () => ({ version: 1, decision: 'accept' }) },
  { method: 'POST', path: '/api/supervision/reports/{id}/comments', action: 'supervision.report.review', url: () => '/api/supervision/reports/none/comments', body: () => ({ comment: '权限测试意见' }) },
  { method: 'POST', path: '/api/supervision/attachments', action: 'supervision.report.write', url: () => '/api/supervision/attachments' },
  { method: 'GET', path: '/api/supervision/reports/{id}/attachments/{hash}', action: 'supervision.report.read', url: () => `/api/supervision/reports/none/attachments/${'0'.repeat(64)}` },
  { method: 'POST', path: '/api/supervision/remind', action: 'supervision.remind', url: () => '/api/supervision/remind', body: () => ({ date: '2026-05-01' }) },
  { method: 'GET', path: '/api/notifications', action: 'notifications.read', url: () => '/api/notifications' },
  { method: 'GET', path: '/api/notifications/unread-count', action: 'notifications.read', url: () => '/api/notifications/unread-count' },
  { method: 'POST', path: '/api/notifications/{id}/read', action: 'notifications.update', url: () => '/api/notifications/none/read' },
  { method: 'POST', path: '/api/notifications/read-all', action: 'notifications.update', url: () => '/api/notifications/read-all' },
  // Targets and indicators (server/modules/indicators) and the public statistics.
  { method: 'GET', path: '/api/indicators', action: 'indicators.read', url: () => '/api/indicators?asOf=2023-12-31' },
  { method: 'GET', path: '/api/indicators/trends', action: 'indicators.read', url: () => '/api/indicators/trends?from=2022&to=2023' },
  { method: 'GET', path: '/api/indicators/{id}/entities', action: 'indicators.read', url: () => '/api/indicators/T3/entities?asOf=2023-12-31' },
  // The annual evaluation report (server/modules/evaluation): the JSON preview and, with ?format=pdf|xlsx, the downloads.
  { method: 'GET', path: '/api/evaluation/reports/{year}', action: 'evaluation.report.read', url: () => '/api/evaluation/reports/2023' },
  { method: 'GET', path: '/api/public/statistics', action: 'public', url: () => '/api/public/statistics' },
  { method: 'GET', path: '/api/public/statistics.csv', action: 'public', url: () => '/api/public/statistics.csv' },
  { method: 'GET', path: '/api/public/statistics.json', action: 'public', url: () => '/api/public/statistics.json' },
  // Deals (server/modules/deals), events (server/modules/events) and the outcome funnel.
  { method: 'GET', path: '/api/deals', action: 'deals.deal.read', url: () => '/api/deals' },
  { method: 'POST', path: '/api/deals', action: 'deals.deal.create', url: () => '/api/deals', body: () => ({ demandId: 'none' }) },
  { method: 'GET', path: '/api/deals/{id}', action: 'deals.deal.read', url: () => '/api/deals/none', foreignUrl: (i) => `/api/deals/${i.otherDeal}` },
  { method: 'PATCH', path: '/api/deals/{id}', action: 'deals.deal.update', url: () => '/api/deals/none', foreignUrl: (i) => `/api/deals/${i.otherDeal}`, body: () => ({ version: 999 }) },
  { method: 'POST', path: '/api/deals/{id}/transitions', action: 'deals.deal.update', url: () => '/api/deals/none/transitions', foreignUrl: (i) => `/api/deals/${i.otherDeal}/transitions`, body: () => ({ to: 'negotiating', version: 999 }) },
  { method: 'POST', path: '/api/deals/{id}/sign', action: 'deals.deal.sign', url: () => '/api/deals/none/sign', foreignUrl: (i) => `/api/deals/${i.otherDeal}/sign`, body: () => ({ version: 999, amountFen: 100 }) },
  { method: 'POST', path: '/api/deals/{id}/notes', action: 'deals.deal.update', url: () => '/api/deals/none/notes', foreignUrl: (i) => `/api/deals/${i.otherDeal}/notes`, body: () => ({ text: '权限测试记录' }) },
  { method: 'GET', path: '/api/market/funnel', action: 'market.funnel.read', url: () => '/api/market/funnel' },
  { method: 'GET', path: '/api/events', action: 'events.event.read', url: () => '/api/events' },
  { method: 'POST', path: '/api/events', action: 'events.event.write', url: () => '/api/events', body: () => ({ title: '权限测试对接会', kind: 'matchmaking', heldOn: '2026-06-01', place: '湛河区', organizerName: '湛河区科技局' }) },
  { method: 'GET', path: '/api/events/{id}', action: 'events.event.read', url: () => '/api/events/none' },
  { method: 'PATCH', path: '/api/events/{id}', action: 'events.event.write', url: () => '/api/events/none', body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/events/{id}/registrations', action: 'events.registration.create', url: () => '/api/events/none/registrations', body: () => ({}) },
  { method: 'POST', path: '/api/events/{id}/registrations/{registrationId}/attendance', action: 'events.attendance.mark', url: () => '/api/events/none/registrations/none/attendance', body: () => ({ version: 1, attended: true }) },
  // Services and finance (server/modules/services).
  { method: 'GET', path: '/api/public/services/offerings', action: 'public', url: () => '/api/public/services/offerings?category=ip' },
  { method: 'GET', path: '/api/public/services/agencies/{id}', action: 'public', url: () => '/api/public/services/agencies/none' },
  { method: 'GET', path: '/api/public/finance/products', action: 'public', url: () => '/api/public/finance/products' },
  { method: 'GET', path: '/api/services/offerings', action: 'services.offering.read', url: () => '/api/services/offerings' },
  { method: 'POST', path: '/api/services/offerings', action: 'services.offering.write', url: () => '/api/services/offerings', body: (i) => ({ organizationId: i.own, category: 'ip', title: '权限测试服务', description: '权限测试服务的内容，至少十个字。', priceTerms: '面议' }) },
  { method: 'PATCH', path: '/api/services/offerings/{id}', action: 'services.offering.write', url: () => '/api/services/offerings/none', body: () => ({ version: 1 }) },
  { method: 'GET', path: '/api/services/requests', action: 'services.request.read', url: () => '/api/services/requests' },
  { method: 'POST', path: '/api/services/requests', action: 'services.request.create', url: () => '/api/services/requests', body: (i) => ({ requesterOrganizationId: i.own, providerOrganizationId: i.other, category: 'ip', title: '权限测试请求', description: '权限测试请求的说明，至少十个字。' }) },
  { method: 'GET', path: '/api/services/requests/{id}', action: 'services.request.read', url: () => '/api/services/requests/none' },
  { method: 'POST', path: '/api/services/requests/{id}/transitions', action: 'services.request.update', url: () => '/api/services/requests/none/transitions', body: () => ({ to: 'accepted', version: 1 }) },
  { method: 'GET', path: '/api/finance/products', action: 'finance.product.read', url: () => '/api/finance/products' },
  { method: 'POST', path: '/api/finance/products', action: 'finance.product.write', url: () => '/api/finance/products', body: (i) => ({ bankOrganizationId: i.own, name: '权限测试贷', kind: 'tech_loan', minAmountFen: 100, maxAmountFen: 1000, minRateBp: 300, maxRateBp: 400, minTermMonths: 6, maxTermMonths: 12, collateralKinds: ['credit'], description: '权限测试产品说明，至少十个字。' }) },
  { method: 'PATCH', path: '/api/finance/products/{id}', action: 'finance.product.write', url: () => '/api/finance/products/none', body: () => ({ version: 1 }) },
  { method: 'GET', path: '/api/finance/needs', action: 'finance.need.read', url: () => '/api/finance/needs' },
  { method: 'POST', path: '/api/finance/needs', action: 'finance.need.write', url: () => '/api/finance/needs', body: (i) => ({ organizationId: i.own, title: '权限测试需求', amountFen: 100_000, purpose: 'rd', termMonths: 12, collateralKinds: ['credit'], description: '权限测试融资需求说明，至少十个字。' }) },
  { method: 'GET', path: '/api/finance/needs/{id}', action: 'finance.need.read', url: () => '/api/finance/needs/none' },
  { method: 'PATCH', path: '/api/finance/needs/{id}', action: 'finance.need.write', url: () => '/api/finance/needs/none', body: () => ({ version: 1 }) },
  { method: 'GET', path: '/api/finance/needs/{id}/matches', action: 'finance.need.read', url: () => '/api/finance/needs/none/matches' },
  { method: 'GET', path: '/api/finance/matched-needs', action: 'finance.offer.write', url: () => '/api/finance/matched-needs' },
  { method: 'POST', path: '/api/finance/needs/{id}/offers', action: 'finance.offer.write', url: () => '/api/finance/needs/none/offers', body: () => ({ productId: 'none', decision: 'declined', note: '权限测试' }) },
  { method: 'GET', path: '/api/ip/records', action: 'ip.record.read', url: () => '/api/ip/records' },
  { method: 'POST', path: '/api/ip/records', action: 'ip.record.write', url: () => '/api/ip/records', body: (i) => ({ kind: 'license', ipKind: 'patent', ipNumber: 'ZL202010000001.1', ipTitle: '权限测试专利', fromOrganizationId: i.own, toOrganizationId: i.other, licenseScope: 'ordinary', startsOn: '2026-01-01', endsOn: '2028-12-31', amountFen: 100_000 }) },
  { method: 'GET', path: '/api/ip/records/{id}', action: 'ip.record.read', url: () => '/api/ip/records/none' },
  { method: 'PATCH', path: '/api/ip/records/{id}', action: 'ip.record.write', url: () => '/api/ip/records/none', body: () => ({ version: 1 }) },
  // Talent (server/modules/talent): practitioners, training courses, certificates, researchers, contributions.
  { method: 'GET', path: '/api/talent/practitioners', action: 'talent.practitioner.read', url: () => '/api/talent/practitioners?asOf=2026-01-01' },
  { method: 'POST', path: '/api/talent/practitioners', action: 'talent.practitioner.write', url: () => '/api/talent/practitioners', body: () => ({ personId: 'none', role: 'broker', employment: 'full_time', validFrom: '2026-01-01' }) },
  { method: 'PATCH', path: '/api/talent/practitioners/{id}', action: 'talent.practitioner.write', url: () => '/api/talent/practitioners/none', body: () => ({ version: 1 }) },
  { method: 'GET', path: '/api/talent/courses', action: 'talent.course.read', url: () => '/api/talent/courses' },
  { method: 'POST', path: '/api/talent/courses', action: 'talent.course.write', url: () => '/api/talent/courses', body: () => ({ title: '权限测试培训', topic: 'brokerage', organizerName: '湛河区科技局', startsOn: '2026-07-01', endsOn: '2026-07-01', hours: 4, place: '湛河区', capacity: 10 }) },
  { method: 'GET', path: '/api/talent/courses/{id}', action: 'talent.course.read', url: () => '/api/talent/courses/none' },
  { method: 'POST', path: '/api/talent/courses/{id}/enrolments', action: 'talent.enrolment.create', url: () => '/api/talent/courses/none/enrolments', body: (i) => ({ personId: i.person }) },
  { method: 'POST', path: '/api/talent/courses/{id}/enrolments/{enrolmentId}/attendance', action: 'talent.attendance.mark', url: () => '/api/talent/courses/none/enrolments/none/attendance', body: () => ({ version: 1, totalHours: 1 }) },
  { method: 'POST', path: '/api/talent/courses/{id}/certificates', action: 'talent.certificate.issue', url: () => '/api/talent/courses/none/certificates', body: () => ({}) },
  { method: 'GET', path: '/api/talent/enrolments/{id}/certificate', action: 'talent.certificate.read', url: () => '/api/talent/enrolments/none/certificate' },
  { method: 'GET', path: '/api/talent/contracts/{id}/researchers', action: 'contracts.contract.read', url: (i) => `/api/talent/contracts/${i.contract}/researchers`, foreignUrl: (i) => `/api/talent/contracts/${i.otherContract}/researchers` },
  { method: 'PUT', path: '/api/talent/contracts/{id}/researchers', action: 'talent.researcher.write', url: (i) => `/api/talent/contracts/${i.contract}/researchers`, foreignUrl: (i) => `/api/talent/contracts/${i.otherContract}/researchers`, body: () => ({ researchers: [] }) },
  { method: 'GET', path: '/api/talent/people/{id}/contributions', action: 'talent.contribution.read', url: (i) => `/api/talent/people/${i.person}/contributions` },
  { method: 'GET', path: '/api/talent/people/{id}/contributions.xlsx', action: 'talent.contribution.read', url: (i) => `/api/talent/people/${i.person}/contributions.xlsx` },
  // 变更申请 (server/modules/registry/change-requests.ts): verified facts change through review.
  { method: 'GET', path: '/api/change-requests', action: 'registry.change_request.read', url: () => '/api/change-requests?status=pending' },
  { method: 'GET', path: '/api/change-requests.xlsx', action: 'registry.change_request.read', url: () => '/api/change-requests.xlsx?status=pending' },
  { method: 'POST', path: '/api/change-requests', action: 'registry.change_request.create', url: () => '/api/change-requests', body: (i) => changeRequestBody(i.own, i.evidenceHash), foreignBody: (i) => changeRequestBody(i.other, i.evidenceHash) },
  { method: 'POST', path: '/api/change-requests/evidence', action: 'registry.change_request.create', url: () => '/api/change-requests/evidence' },
  { method: 'GET', path: '/api/change-requests/{id}', action: 'registry.change_request.read', url: (i) => `/api/change-requests/${i.ownRequest}`, foreignUrl: (i) => `/api/change-requests/${i.otherRequest}` },
  { method: 'POST', path: '/api/change-requests/{id}/decision', action: 'registry.change_request.review', url: (i) => `/api/change-requests/${i.ownRequest}/decision`, body: () => ({ version: 999, decision: 'reject', reason: '权限测试' }) },
  { method: 'POST', path: '/api/change-requests/{id}/withdraw', action: 'registry.change_request.withdraw', url: (i) => `/api/change-requests/${i.ownRequest}/withdraw`, foreignUrl: (i) => `/api/change-requests/${i.otherRequest}/withdraw`, body: () => ({ version: 999 }) },
  { method: 'GET', path: '/api/change-requests/{id}/evidence/{hash}', action: 'registry.change_request.read', url: (i) => `/api/change-requests/${i.ownRequest}/evidence/${i.evidenceHash}`, foreignUrl: (i) => `/api/change-requests/${i.otherRequest}/evidence/${i.evidenceHash}` },
  // 单位注册 (server/modules/registration): the public form and status, joining with a code, the 注册审核 queue, a unit's users.
  { method: 'GET', path: '/api/public/registration/captcha', action: 'public', url: () => '/api/public/registration/captcha' },
  { method: 'GET', path: '/api/public/registration/lookup', action: 'public', url: () => `/api/public/registration/lookup?creditCode=${nextUscc()}` },
  { method: 'GET', path: '/api/public/registration/agencies', action: 'public', url: () => '/api/public/registration/agencies?q=技术转移' },
  { method: 'GET', path: '/api/public/registration/authorization-letter.pdf', action: 'public', url: () => '/api/public/registration/authorization-letter.pdf' },
  { method: 'POST', path: '/api/public/registrations', action: 'public', url: () => '/api/public/registrations' },
  { method: 'POST', path: '/api/public/registrations/status', action: 'public', url: () => '/api/public/registrations/status', body: () => ({ number: 'ZC202601010001', queryCode: 'AAAA-BBBB-CCCC' }) },
  { method: 'POST', path: '/api/public/registrations/resubmit', action: 'public', url: () => '/api/public/registrations/resubmit' },
  { method: 'POST', path: '/api/public/invitations/check', action: 'public', url: () => '/api/public/invitations/check', body: () => ({ code: 'AAAA-BBBB-CCCC' }) },
  { method: 'POST', path: '/api/public/invitations/join', action: 'public', url: () => '/api/public/invitations/join', body: () => ({ code: 'AAAA-BBBB-CCCC', username: 'joiner', displayName: '权限测试', mobile: '13800000000', password: 'Quanxian@2026' }) },
  { method: 'POST', path: '/api/invitations/accept', action: 'registration.invitation.accept', url: () => '/api/invitations/accept', body: () => ({ code: 'AAAA-BBBB-CCCC' }) },
  { method: 'GET', path: '/api/registrations', action: 'registration.review', url: () => '/api/registrations' },
  { method: 'GET', path: '/api/registrations/export.xlsx', action: 'registration.review', url: () => '/api/registrations/export.xlsx' },
  { method: 'GET', path: '/api/registrations/{id}', action: 'registration.review', url: () => '/api/registrations/none' },
  { method: 'GET', path: '/api/registrations/{id}/evidence/{hash}', action: 'registration.review', url: () => `/api/registrations/none/evidence/${'0'.repeat(64)}` },
  { method: 'POST', path: '/api/registrations/{id}/approve', action: 'registration.review', url: () => '/api/registrations/none/approve', body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/registrations/{id}/return', action: 'registration.review', url: () => '/api/registrations/none/return', body: () => ({ version: 1, reason: '权限测试' }) },
  { method: 'GET', path: '/api/units/mine', action: 'registration.unit.manage', url: () => '/api/units/mine' },
  { method: 'GET', path: '/api/units/{id}/members', action: 'registration.unit.manage', url: (i) => `/api/units/${i.own}/members`, foreignUrl: (i) => `/api/units/${i.other}/members` },
  { method: 'GET', path: '/api/units/{id}/members.xlsx', action: 'registration.unit.manage', url: (i) => `/api/units/${i.own}/members.xlsx`, foreignUrl: (i) => `/api/units/${i.other}/members.xlsx` },
  { method: 'DELETE', path: '/api/units/{id}/members/{userId}', action: 'registration.unit.manage', url: (i) => `/api/units/${i.own}/members/none`, foreignUrl: (i) => `/api/units/${i.other}/members/none` },
  { method: 'POST', path: '/api/units/{id}/admin', action: 'registration.unit.manage', url: (i) => `/api/units/${i.own}/admin`, foreignUrl: (i) => `/api/units/${i.other}/admin`, body: () => ({ userId: 'none' }) },
  { method: 'GET', path: '/api/units/{id}/invitations', action: 'registration.unit.manage', url: (i) => `/api/units/${i.own}/invitations`, foreignUrl: (i) => `/api/units/${i.other}/invitations` },
  { method: 'POST', path: '/api/units/{id}/invitations', action: 'registration.unit.manage', url: (i) => `/api/units/${i.own}/invitations`, foreignUrl: (i) => `/api/units/${i.other}/invitations`, body: () => ({}) },
  { method: 'POST', path: '/api/units/{id}/invitations/{invitationId}/revoke', action: 'registration.unit.manage', url: (i) => `/api/units/${i.own}/invitations/none/revoke`, foreignUrl: (i) => `/api/units/${i.other}/invitations/none/revoke` },
  { method: 'GET', path: '/api/units/{id}/broker-applications', action: 'registration.unit.manage', url: (i) => `/api/units/${i.own}/broker-applications`, foreignUrl: (i) => `/api/units/${i.other}/broker-applications` },
  { method: 'POST', path: '/api/units/{id}/broker-applications/{applicationId}/approve', action: 'registration.unit.manage', url: (i) => `/api/units/${i.own}/broker-applications/none/approve`, foreignUrl: (i) => `/api/units/${i.other}/broker-applications/none/approve`, body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/units/{id}/broker-applications/{applicationId}/return', action: 'registration.unit.manage', url: (i) => `/api/units/${i.own}/broker-applications/none/return`, foreignUrl: (i) => `/api/units/${i.other}/broker-applications/none/return`, body: () => ({ version: 1, reason: '权限测试' }) },
  // 门户 (server/modules/portal): the public pages' data, and the bureau's editing.
  { method: 'GET', path: '/api/public/portal/site', action: 'public', url: () => '/api/public/portal/site' },
  { method: 'GET', path: '/api/public/portal/home', action: 'public', url: () => '/api/public/portal/home' },
  { method: 'GET', path: '/api/public/portal/announcements', action: 'public', url: () => '/api/public/portal/announcements' },
  { method: 'GET', path: '/api/public/portal/posts', action: 'public', url: () => '/api/public/portal/posts?kind=news' },
  { method: 'GET', path: '/api/public/portal/posts/{id}', action: 'public', url: () => '/api/public/portal/posts/none' },
  { method: 'GET', path: '/api/public/portal/policies', action: 'public', url: () => '/api/public/portal/policies' },
  { method: 'GET', path: '/api/public/portal/subsidy-policies/{id}', action: 'public', url: () => '/api/public/portal/subsidy-policies/zhanhe-2022' },
  { method: 'GET', path: '/api/public/portal/calls/{id}', action: 'public', url: () => '/api/public/portal/calls/none' },
  { method: 'GET', path: '/api/portal/posts', action: 'portal.post.read', url: () => '/api/portal/posts' },
  { method: 'GET', path: '/api/portal/posts/export.xlsx', action: 'portal.post.read', url: () => '/api/portal/posts/export.xlsx' },
  { method: 'GET', path: '/api/portal/posts/{id}', action: 'portal.post.read', url: () => '/api/portal/posts/none' },
  { method: 'POST', path: '/api/portal/posts', action: 'portal.post.write', url: () => '/api/portal/posts', body: () => ({ kind: 'news', title: '权限测试新闻', body: '权限测试正文' }) },
  { method: 'PATCH', path: '/api/portal/posts/{id}', action: 'portal.post.write', url: () => '/api/portal/posts/none', body: () => ({ version: 1, title: '权限测试' }) },
  // 信用记录 (server/modules/credit): the list, export and import template, records, 信用修复, and the one-step 违背信用承诺 from an application.
  { method: 'GET', path: '/api/credit-records', action: 'credit.record.read', url: () => '/api/credit-records' },
  { method: 'GET', path: '/api/credit-records.xlsx', action: 'credit.export', url: () => '/api/credit-records.xlsx' },
  { method: 'GET', path: '/api/credit-records/template.xlsx', action: 'credit.import', url: () => '/api/credit-records/template.xlsx' },
  { method: 'POST', path: '/api/credit-records/import', action: 'credit.import', url: () => '/api/credit-records/import' },
  { method: 'POST', path: '/api/credit-records', action: 'credit.record.write', url: () => '/api/credit-records', body: (i) => ({ organizationId: i.own, kind: 'other', source: 'other', validFrom: '2026-01-01' }) },
  { method: 'GET', path: '/api/credit-records/{id}', action: 'credit.record.read', url: () => '/api/credit-records/none' },
  { method: 'POST', path: '/api/credit-records/{id}/end', action: 'credit.record.write', url: () => '/api/credit-records/none/end', body: () => ({ endedOn: '2026-06-01', reason: '权限测试', version: 1 }) },
  { method: 'POST', path: '/api/credit-records/{id}/repairs', action: 'credit.repair.create', url: () => '/api/credit-records/none/repairs', body: (i) => ({ explanation: '权限测试说明', evidence: [{ hash: i.evidenceHash, fileName: '证明.pdf' }] }) },
  { method: 'POST', path: '/api/credit-repairs/evidence', action: 'credit.repair.create', url: () => '/api/credit-repairs/evidence' },
  { method: 'POST', path: '/api/credit-repairs/{id}/decision', action: 'credit.repair.review', url: () => '/api/credit-repairs/none/decision', body: () => ({ decision: 'reject', reason: '权限测试', version: 1 }) },
  { method: 'GET', path: '/api/credit-repairs/{id}/evidence/{hash}', action: 'credit.record.read', url: (i) => `/api/credit-repairs/none/evidence/${i.evidenceHash}` },
  { method: 'POST', path: '/api/applications/{id}/commitment-breach', action: 'credit.record.from_application', url: () => '/api/applications/none/commitment-breach', body: () => ({ reason: '权限测试：隐瞒关联关系' }) },
  // 复查 (server/modules/reexamination): read by the operator, admin and evaluator; opened and concluded by the operator and admin.
  { method: 'GET', path: '/api/reexaminations', action: 'reexamination.case.read', url: () => '/api/reexaminations' },
  { method: 'GET', path: '/api/reexaminations.xlsx', action: 'reexamination.export', url: () => '/api/reexaminations.xlsx' },
  { method: 'POST', path: '/api/reexaminations', action: 'reexamination.case.open', url: () => '/api/reexaminations', body: () => ({ decisionKind: 'change_request', decisionId: 'none', grounds: '权限测试复查理由' }) },
  { method: 'GET', path: '/api/reexaminations/{id}', action: 'reexamination.case.read', url: () => '/api/reexaminations/none' },
  { method: 'POST', path: '/api/reexaminations/{id}/conclusion', action: 'reexamination.case.conclude', url: () => '/api/reexaminations/none/conclusion', body: () => ({ verdict: 'diligent', findings: '权限测试查明情况', version: 1 }) },
  { method: 'GET', path: '/api/reexaminations/{id}/evidence/{hash}', action: 'reexamination.case.read', url: (i) => `/api/reexaminations/none/evidence/${i.evidenceHash}` },
  // 工作台 (server/modules/workbench)
  { method: 'GET', path: '/api/workbench', action: 'workbench.read', url: () => '/api/workbench' },
  { method: 'GET', path: '/api/workbench/prospects', action: 'applications.application.create', url: () => '/api/workbench/prospects' },
  { method: 'POST', path: '/api/workbench/prospects/apply', action: 'applications.application.create', url: () => '/api/workbench/prospects/apply', body: (i) => ({ noticeId: 'none', organizationId: i.own }), foreignBody: (i) => ({ noticeId: 'none', organizationId: i.other }) },
  // 用户与权限 (server/modules/users): the admin's accounts of its jurisdiction.
  { method: 'GET', path: '/api/users', action: 'users.user.read', url: () => '/api/users' },
  { method: 'GET', path: '/api/users.xlsx', action: 'users.user.read', url: () => '/api/users.xlsx' },
  { method: 'GET', path: '/api/users/government-units', action: 'users.user.read', url: () => '/api/users/government-units?q=局' },
  { method: 'POST', path: '/api/users', action: 'users.user.create', url: () => '/api/users', body: () => ({ username: `perm${Math.random().toString().slice(2, 10)}`, displayName: '权限测试', roles: ['evaluator'], jurisdictionCode: '410411' }) },
  { method: 'GET', path: '/api/users/{id}', action: 'users.user.read', url: () => '/api/users/none' },
  { method: 'PUT', path: '/api/users/{id}/roles', action: 'users.user.update_roles', url: () => '/api/users/none/roles', body: () => ({ version: 1, roles: ['evaluator'] }) },
  { method: 'POST', path: '/api/users/{id}/disable', action: 'users.user.disable', url: () => '/api/users/none/disable', body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/users/{id}/enable', action: 'users.user.disable', url: () => '/api/users/none/enable', body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/users/{id}/reset-password', action: 'users.user.reset_password', url: () => '/api/users/none/reset-password', body: () => ({ version: 1 }) },
  { method: 'POST', path: '/api/users/{id}/unlock', action: 'users.user.unlock', url: () => '/api/users/none/unlock', body: () => ({ version: 1 }) },
];

function changeRequestBody(organizationId: string, hash: string) {
  return { group: 'organization', organizationId, changes: { kind: 'new_rd_institution' }, evidence: [{ hash, fileName: '证明.pdf' }] };
}

function marketAchievementBody(owner: string) {
  return {
    title: '权限测试成果', description: '权限测试成果的简介，至少十个字。', technicalField: 'advanced_manufacturing', transferModes: ['license'],
    priceKind: 'negotiable', ownerOrganizationId: owner,
  };
}

function noticeBody() {
  return { title: '权限测试申报通知', policy: 'zhanhe-2022', year: 2026, opensOn: '2026-03-01', closesOn: '2026-03-31', rules: ['enterprise_purchase'], noticeDays: 5 };
}

function contractBody(seller: string, buyer: string) {
  return {
    name: '权限测试技术开发合同', type: 'development', subtype: 'commissioned', sellers: [{ organizationId: seller }], buyers: [{ organizationId: buyer }],
    signedOn: '2026-03-01', amountFen: 10_000_000, techField: 'advanced_manufacturing',
  };
}

const ROLES = USER_ROLES.values as UserRole[];

for (const dialect of await testDialects()) {
  describe(`permission table on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let ids: Ids;
    const sessions = new Map<UserRole, Session>();

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const own = await makeOrganization(t.ctx);
      const other = await makeOrganization(t.ctx);
      const person = await makePerson(t.ctx, { affiliations: [{ organizationId: own.id }] });
      const platform = await makePlatform(t.ctx, { hostOrganizationId: own.id });
      const third = await makeOrganization(t.ctx);
      const contract = await createContract(t.ctx, contractInput.parse(contractBody(own.id, other.id)));
      const otherContract = await createContract(t.ctx, contractInput.parse(contractBody(other.id, third.id)));
      const otherDeal = await createDeal(t.ctx, {
        demandId: (await publishedDemand(t.ctx, { organizationId: other.id })).id,
        achievementId: (await publishedAchievement(t.ctx, { ownerOrganizationId: third.id })).id,
        brokerPersonId: (await makeBrokerPerson(t.ctx)).id,
      });
      // A pending 变更申请 of each organization, filed by its own user.
      const requester = (organizationId: string) => testCtx(t.handle, { id: null, name: '经办人', roles: ['enterprise'], organizationIds: [organizationId] });
      const evidence = await storeChangeRequestEvidence(requester(own.id), Buffer.from('%PDF-1.4\n%%EOF\n'), '证明.pdf');
      const fileRequest = (organizationId: string) =>
        submitChangeRequest(requester(organizationId), { group: 'organization', organizationId, changes: { name: `权限测试更名${organizationId.slice(0, 6)}有限公司` }, evidence: [{ hash: evidence.hash, fileName: '证明.pdf' }] });
      const ownRequest = await fileRequest(own.id);
      const otherRequest = await fileRequest(other.id);
      ids = {
        ownRequest: ownRequest.id,
        otherRequest: otherRequest.id,
        evidenceHash: evidence.hash,
        otherDeal: otherDeal.id,
        contract: contract.id,
        otherContract: otherContract.id,
        own: own.id,
        other: other.id,
        person: person.id,
        platform: platform.id,
        ownVersion: async () => (await t.handle.db.selectFrom('organization').select('version').where('id', '=', own.id).executeTakeFirstOrThrow()).version,
      };
      for (const role of ROLES) sessions.set(role, await t.loginAs([role], [own.id]));
      // The unit routes are for a unit's 单位管理员 (a flag on top of "own"): every test account is one of its own organization.
      for (const session of sessions.values()) await makeUnitAdmin(t.handle.db, own.id, session.userId, '权限测试', '2026-06-01T08:00:00.000Z');
    }, 120_000);
    afterAll(async () => t.close());

    it('covers every route of the OpenAPI document', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      const tested = ROUTES.map((r) => `${r.method} ${r.path}`);
      expect(documented.filter((d) => !d.startsWith('GET /api/docs')).sort()).toEqual([...tested].sort());
    });

    for (const role of ROLES) {
      it(`${role}: allowed exactly what the table says`, async () => {
        const session = sessions.get(role)!;
        const outcomes: string[] = [];
        for (const route of ROUTES) {
          if (route.path === '/api/auth/logout') continue; // would end the session under test
          const scope = route.action === 'public' || route.action === 'authenticated' ? 'jurisdiction' : scopeFor([role], route.action);
          const body = route.body?.(ids);
          if (route.method === 'PATCH' && route.path === '/api/organizations/{id}') (body as { version: number }).version = await ids.ownVersion();
          const res = await t.call(session, route.method, route.url(ids), body);
          const allowed = res.statusCode !== 403;
          outcomes.push(`${route.method} ${route.path} → ${res.statusCode}`);
          expect(res.statusCode, `${role} ${route.method} ${route.path}: ${res.body}`).toBeLessThan(500);
          expect(allowed, `${role} ${route.method} ${route.path} answered ${res.statusCode}: ${res.body}`).toBe(scope !== null);
          if (scope === 'own' && (route.foreignUrl || route.foreignBody)) {
            const foreign = await t.call(session, route.method, (route.foreignUrl ?? route.url)(ids), (route.foreignBody ?? route.body)?.(ids));
            expect(foreign.statusCode, `${role} reached another organization via ${route.path}`).toBe(403);
          }
        }
        expect(outcomes.length).toBe(ROUTES.length - 1);
      });
    }

    it('the public (no session) reaches only public routes', async () => {
      for (const route of ROUTES) {
        const res = await t.call(null, route.method, route.url(ids), route.body?.(ids));
        // Public routes may still refuse (a wrong password is 401) but never ask for a session.
        const askedToLogIn = res.statusCode === 401 && res.json().error.message === '请先登录';
        expect(askedToLogIn, `${route.method} ${route.path}`).toBe(route.action !== 'public');
      }
    });
  });
}
