/**
 * 单位注册 as the server presents it (server/modules/registration): the public form's captcha,
 * lookups and submission, the applicant's status page, joining a unit with an invitation code, the
 * operator's 注册审核 queue and a unit admin's 单位用户; their React Query hooks (keys start with
 * 'registration') and the pages' strings, Chinese first.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BrokerApplication, Captcha, CreditCodeLookup, InvitationPreview, IssuedInvitation, JoinedUnit, PublicAgencyOption, RegistrationDetail,
  RegistrationStatusView, RegistrationSummary, SubmittedRegistration, UnitInvitation, UnitMember, UnitSummary,
} from '../../../../common/registration-api.js';
import type { RegistrationStatus } from '../../../../common/registration-vocabulary.js';
import { api, ApiError, isApiError, postForm } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { Page } from '../../types.js';

export type {
  BrokerApplication, CreditCodeLookup, InvitationPreview, IssuedInvitation, RegistrationDetail, RegistrationStatusView, RegistrationSummary,
  SubmittedRegistration, UnitInvitation, UnitMember, UnitSummary,
};

const KEY = 'registration';

// ---------------------------------------------------------------- public form

/** A fresh captcha; `refetch()` draws another (each is spent by one attempt). */
export function useCaptcha() {
  return useQuery({
    queryKey: [KEY, 'captcha'],
    queryFn: ({ signal }) => api<Captcha>('/api/public/registration/captcha', { signal }),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}

export function useCreditCodeLookup(creditCode: string | null) {
  return useQuery({
    queryKey: [KEY, 'lookup', creditCode],
    queryFn: ({ signal }) => api<CreditCodeLookup>('/api/public/registration/lookup', { query: { creditCode: creditCode! }, signal }),
    enabled: !!creditCode,
    retry: false,
  });
}

export function usePublicAgencies(q: string) {
  return useQuery({
    queryKey: [KEY, 'agencies', q],
    queryFn: ({ signal }) => api<PublicAgencyOption[]>('/api/public/registration/agencies', { query: { q }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** What a first-time single sign-on identity brings (GET /api/auth/oidc/pending); null when there is none. */
export interface OidcPrefill {
  unitName?: string;
  creditCode?: string;
  personName?: string;
  mobile?: string;
}

export function useOidcPrefill() {
  return useQuery({
    queryKey: [KEY, 'oidc-pending'],
    queryFn: async ({ signal }): Promise<OidcPrefill | null> => {
      try {
        const pending = await api<{ claims?: OidcPrefill }>('/api/auth/oidc/pending', { signal });
        return pending?.claims ?? null;
      } catch (error) {
        // 404: no pending identity (or single sign-on is not configured) — the form starts empty.
        if (isApiError(error)) return null;
        throw error;
      }
    },
    retry: false,
    staleTime: Infinity,
  });
}

export const TEMPLATE_URL = '/api/public/registration/authorization-letter.pdf';

export function useSubmitRegistration() {
  return useMutation({ mutationFn: (form: FormData) => postForm<SubmittedRegistration>('/api/public/registrations', form) });
}

export function useResubmitRegistration() {
  return useMutation({ mutationFn: (form: FormData) => postForm<RegistrationStatusView>('/api/public/registrations/resubmit', form) });
}

export function useRegistrationStatus() {
  return useMutation({
    mutationFn: (input: { number: string; queryCode: string }) => api<RegistrationStatusView>('/api/public/registrations/status', { method: 'POST', body: input }),
  });
}

/**
 * The form's own field names for what the server blamed: the server names the application's fields
 * `application.<name>` (its multipart `data`), the form names them `<name>`.
 */
export function formFieldError(error: unknown): unknown {
  if (!isApiError(error)) return error;
  const strip = (field: unknown) => (typeof field === 'string' ? field.replace(/^application\./, '') : field);
  return new ApiError({
    status: error.status,
    code: error.code,
    message: error.message,
    ...(error.field ? { field: strip(error.field) as string } : {}),
    details: error.details.map((d) => (d && typeof d === 'object' ? { ...(d as object), field: strip((d as { field?: unknown }).field) } : d)),
  });
}

// ---------------------------------------------------------------- invitations

export function useCheckInvitation() {
  return useMutation({ mutationFn: (code: string) => api<InvitationPreview>('/api/public/invitations/check', { method: 'POST', body: { code } }) });
}

export function useJoinUnit() {
  return useMutation({
    mutationFn: (input: { code: string; username: string; displayName: string; mobile: string; position?: string; password: string }) =>
      api<JoinedUnit>('/api/public/invitations/join', { method: 'POST', body: input }),
  });
}

export function useAcceptInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<JoinedUnit>('/api/invitations/accept', { method: 'POST', body: { code } }),
    // The account now acts for one more unit: what it may see changes.
    onSuccess: () => client.invalidateQueries(),
  });
}

// ---------------------------------------------------------------- 注册审核

export interface RegistrationFilters {
  status?: RegistrationStatus;
  q?: string;
  page: number;
  pageSize: number;
}

export function useRegistrations(filters: RegistrationFilters) {
  return useQuery({
    queryKey: [KEY, 'list', filters],
    queryFn: ({ signal }) => api<Page<RegistrationSummary>>('/api/registrations', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function exportUrl(filters: Pick<RegistrationFilters, 'status' | 'q'>): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.q) params.set('q', filters.q);
  const text = params.toString();
  return `/api/registrations/export.xlsx${text ? `?${text}` : ''}`;
}

export function useRegistration(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    queryFn: ({ signal }) => api<RegistrationDetail>(`/api/registrations/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export const evidenceUrl = (id: string, hash: string, download = false) => `/api/registrations/${encodeURIComponent(id)}/evidence/${hash}${download ? '?download=1' : ''}`;

export function useDecideRegistration(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { decision: 'approve' | 'return'; version: number; reason?: string }) =>
      api<RegistrationDetail>(`/api/registrations/${encodeURIComponent(id)}/${input.decision}`, {
        method: 'POST',
        body: input.decision === 'approve' ? { version: input.version } : { version: input.version, reason: input.reason },
      }),
    onSuccess: (detail) => {
      client.setQueryData([KEY, 'one', id], detail);
      void client.invalidateQueries({ queryKey: [KEY, 'list'] });
    },
  });
}

// ---------------------------------------------------------------- 单位用户

export function useMyUnits() {
  return useQuery({ queryKey: [KEY, 'units'], queryFn: ({ signal }) => api<UnitSummary[]>('/api/units/mine', { signal }) });
}

const unitPath = (organizationId: string, rest: string) => `/api/units/${encodeURIComponent(organizationId)}/${rest}`;

export function useMembers(organizationId: string, enabled: boolean) {
  return useQuery({ queryKey: [KEY, 'members', organizationId], queryFn: ({ signal }) => api<UnitMember[]>(unitPath(organizationId, 'members'), { signal }), enabled });
}

export const membersXlsxUrl = (organizationId: string) => unitPath(organizationId, 'members.xlsx');

export function useInvitations(organizationId: string, enabled: boolean) {
  return useQuery({ queryKey: [KEY, 'invitations', organizationId], queryFn: ({ signal }) => api<UnitInvitation[]>(unitPath(organizationId, 'invitations'), { signal }), enabled });
}

export function useBrokerApplications(organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: [KEY, 'brokers', organizationId],
    queryFn: ({ signal }) => api<BrokerApplication[]>(unitPath(organizationId, 'broker-applications'), { signal }),
    enabled,
  });
}

/** A unit admin's change; refreshes the unit's lists. */
export function useUnitAction<B>(organizationId: string, request: (body: B) => { method: 'POST' | 'DELETE'; path: string; body?: unknown }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => {
      const r = request(body);
      return api<unknown>(unitPath(organizationId, r.path), { method: r.method, ...(r.body === undefined ? {} : { body: r.body }) });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: [KEY] }),
  });
}

// ---------------------------------------------------------------- strings

const zh = {
  register: '单位注册', registerHint: '企业、高校、科研院所、新型研发机构、技术转移机构、服务机构和金融机构在此注册，经科技局审核后开通账号。',
  unitTab: '单位注册', brokerTab: '技术经纪人注册', brokerHint: '技术经纪（经理）人以所属技术转移机构或服务机构的名义注册，由该机构的单位管理员确认。',
  status: '查询申请进度', login: '返回登录', join: '凭邀请码加入单位', haveAccount: '已有账号？',
  unitSection: '单位信息', applicantSection: '经办人（申请人）信息', accountSection: '登录账号', evidenceSection: '证明材料', brokerSection: '所属机构',
  creditCode: '统一社会信用代码', creditCodeHint: '18 位，见营业执照或事业单位法人证书', orgName: '单位名称', orgKind: '单位类型', division: '所在地区',
  divisionHint: '输入区县名称搜索，如“湛河”', address: '单位地址', legalRepName: '法定代表人', legalRepIdNumber: '法定代表人身份证号码（选填）',
  legalRepIdHint: '填写后登记到人员库，用于关联方识别；身份证号码加密保存，只显示部分数字',
  applicantName: '姓名', mobile: '手机号码', position: '职务', username: '用户名', usernameHint: '以字母开头，3–32 位字母、数字或 . _ -',
  password: '密码', confirmPassword: '确认密码', passwordMismatch: '两次输入的密码不一致', keepPassword: '不修改密码请留空',
  licenseKind: '证照类型', license: '营业执照或事业单位法人证书', authorization: '授权委托书', template: '下载授权委托书模板（PDF）',
  fileHint: 'PDF、JPG 或 PNG，不超过 20 MB（按文件内容判断格式）', chooseFile: '选择文件', keepFile: '不重新上传则沿用上次提交的文件',
  agency: '所属机构', agencyHint: '输入机构名称搜索，或直接输入其统一社会信用代码', byCode: '按信用代码：{code}',
  idNumber: '身份证号码', employment: '专兼职', certificateNumber: '技术经纪人证书编号（选填）',
  captcha: '验证码', captchaHint: '看不清？点击图片换一张', submit: '提交申请', resubmit: '修改后重新提交',
  required: '请填写{what}', chooseRequired: '请选择{what}', uploadRequired: '请上传{what}',
  registered: '机构库中已有该单位：{name}。提交后经审核，由您认领该单位。',
  hasAdmin: '该单位已有单位管理员。如您是该单位员工，请向单位管理员索取邀请码，到“凭邀请码加入单位”页面加入；如原管理员已离职等确需重新认领，可继续提交。',
  pendingCode: '该信用代码已有一份待审核的注册申请，请勿重复提交。', newUnit: '机构库中尚无该单位，请填写单位信息，审核通过后新建。',
  submitted: '注册申请已提交', number: '申请编号', queryCode: '查询码',
  queryCodeOnce: '查询码只显示这一次，请立即复制保存。凭申请编号和查询码可查询审核进度；申请被退回时，也凭它们修改后重新提交。',
  waitReview: '科技局审核通过后，您可使用注册时设置的用户名和密码登录。', waitAgency: '所属机构的单位管理员确认后，您可使用注册时设置的用户名和密码登录。',
  lookUp: '查询', unit: '单位', submittedAt: '提交时间', updatedAt: '最近更新', history: '办理记录', returnReason: '退回原因',
  approvedTitle: '已通过', approvedHint: '请使用用户名 {username} 和注册时设置的密码登录。', goLogin: '去登录',
  returnedHint: '请按退回原因修改后重新提交；未重新上传的证明文件沿用上次提交的。', pendingHint: '申请正在审核中，请耐心等待。',
  prefilled: '已根据统一身份认证的信息预先填写部分内容，请核对。',
  // 注册审核
  queue: '注册审核', all: '全部', search: '单位名称、信用代码、申请编号或申请人', export: '导出 Excel', claim: '认领', create: '新建', kind: '单位类型',
  applicant: '申请人', submissions: '提交次数', detail: '注册申请', facts: '申请信息', match: '机构库比对', noMatch: '机构库中没有该信用代码：审核通过后将新建机构。',
  field: '项目', proposed: '申请填写', registeredValue: '机构库登记', differs: '不一致', same: '一致', unitAdmins: '该单位现有单位管理员：{names}',
  creditCodeDivision: '信用代码登记机关所在地', evidence: '证明材料', earlierEvidence: '此前提交的材料', view: '查看', download: '下载',
  account: '将开通的账号', role: '角色', usernameTaken: '该用户名已被他人使用，无法开通账号，请退回申请人更换用户名。',
  approve: '审核通过', return: '退回修改', reason: '退回原因', reasonHint: '写明需要更正或补充的内容，申请人会看到这段文字',
  approveClaim: '将由申请人认领机构库中的“{name}”，', approveCreate: '将在机构库中新建机构“{name}”（{kind}，{division}），',
  approveAccount: '并开通账号 {username}（角色：{role}），设为该单位的单位管理员。申请人可用其设置的密码登录。此操作不可撤销，确定通过吗？',
  returnConfirm: '确认退回', returnNote: '退回后申请人凭申请编号和查询码看到原因，可修改后重新提交。', decided: '已处理', outcome: '审核结果',
  outcomeText: '已开通账号 {username}，单位：{name}', legalRepId: '法定代表人身份证号码',
  // 单位用户
  unitUsers: '单位用户', noUnits: '您的账号尚未关联任何单位。', noAdmin: '本单位尚未设置单位管理员。由本单位经办人在“单位注册”页面认领本单位、经科技局审核通过后，即成为单位管理员。', notAdmin: '本单位的单位管理员：{names}。如需邀请同事或调整账号，请联系单位管理员。',
  members: '本单位账号', exportUnit: '导出 Excel（账号、邀请码）', exportAgency: '导出 Excel（账号、邀请码、经纪人申请）', unitAdmin: '单位管理员', me: '我', disabled: '已停用', active: '正常', lastLogin: '最近登录', never: '从未登录',
  remove: '移除', removeConfirm: '将解除 {name} 与本单位的关联，其不再能以本单位名义办理业务；若其不再属于任何单位，账号将被停用。确定移除吗？',
  handOver: '移交单位管理员', handOverConfirm: '将把本单位的单位管理员移交给 {name}。移交后您仍是本单位用户，但不能再管理本单位账号。确定移交吗？',
  invite: '邀请同事', inviteNote: '备注（选填，如被邀请人的姓名或部门）', generate: '生成邀请码', inviteCode: '邀请码',
  inviteOnce: '邀请码只显示这一次，7 天内有效，只能使用一次。请复制后交给同事，同事在“凭邀请码加入单位”页面（{link}）使用。',
  invitations: '邀请码记录', state: '状态', expiresAt: '有效期至', createdAt: '生成时间', createdBy: '生成人', acceptedBy: '使用人', note: '备注',
  revoke: '作废', revokeConfirm: '作废后该邀请码不能再使用。确定作废吗？', brokers: '技术经纪人注册申请', noBrokers: '暂无技术经纪人注册申请。',
  confirmBroker: '确认', confirmBrokerText: '确认 {name} 为本机构的技术经纪人：将在人员库中登记其技术经纪人身份和本机构任职，并开通经纪人账号 {username}。确定吗？',
  done: '已完成', joinOther: '凭邀请码加入其他单位',
  // 加入单位
  joinTitle: '凭邀请码加入单位', joinHint: '单位管理员生成的邀请码，7 天内有效，只能使用一次。', check: '查看', joinAs: '以当前账号（{name}）加入该单位',
  joinAsConfirm: '将把“{unit}”加入您的账号可办理的单位，您将获得“{role}”权限。确定加入吗？', orNew: '或注册新账号加入', joinSubmit: '注册并加入',
  joined: '已加入“{unit}”', joinedHint: '请使用用户名 {username} 登录。', joinedAccepted: '您的账号现在也可办理“{unit}”的业务。', inviteFor: '邀请您加入：{unit}（{role}）',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  register: 'Register a unit', registerHint: 'Enterprises, universities, institutes, R&D institutions, agencies and banks register here; the S&T bureau reviews them.',
  unitTab: 'Unit', brokerTab: 'Technology broker', brokerHint: 'Brokers register under their agency; the agency’s unit admin confirms them.',
  status: 'Check an application', login: 'Back to login', join: 'Join a unit with a code', haveAccount: 'Have an account?',
  unitSection: 'Unit', applicantSection: 'Applicant', accountSection: 'Account', evidenceSection: 'Evidence', brokerSection: 'Agency',
  creditCode: 'Unified social credit code', creditCodeHint: '18 characters, as on the licence', orgName: 'Unit name', orgKind: 'Kind', division: 'Division',
  divisionHint: 'Type a county name, e.g. 湛河', address: 'Address', legalRepName: 'Legal representative', legalRepIdNumber: 'Legal representative’s ID number (optional)',
  legalRepIdHint: 'Recorded in the people registry for related-party checks; stored encrypted, shown masked',
  applicantName: 'Name', mobile: 'Mobile', position: 'Position', username: 'Username', usernameHint: 'Starts with a letter; 3–32 letters, digits or . _ -',
  password: 'Password', confirmPassword: 'Confirm password', passwordMismatch: 'The passwords differ', keepPassword: 'Leave empty to keep the password',
  licenseKind: 'Certificate', license: 'Business licence or institution certificate', authorization: 'Letter of authorization', template: 'Download the template (PDF)',
  fileHint: 'PDF, JPG or PNG up to 20 MB (judged by content)', chooseFile: 'Choose a file', keepFile: 'Without a new file the earlier one is kept',
  agency: 'Agency', agencyHint: 'Search by name, or type its credit code', byCode: 'By credit code: {code}',
  idNumber: 'ID number', employment: 'Employment', certificateNumber: 'Broker certificate number (optional)',
  captcha: 'Captcha', captchaHint: 'Click the image for another', submit: 'Submit', resubmit: 'Resubmit',
  required: 'Please fill in {what}', chooseRequired: 'Please choose {what}', uploadRequired: 'Please upload {what}',
  registered: 'The registry holds this unit: {name}. Once approved, you claim it.',
  hasAdmin: 'This unit already has a unit admin. Colleagues should ask them for an invitation code; submit only to claim it anew.',
  pendingCode: 'An application for this code is already waiting for review.', newUnit: 'Not in the registry yet: fill in the unit; it is created on approval.',
  submitted: 'Application submitted', number: 'Application number', queryCode: 'Query code',
  queryCodeOnce: 'The query code is shown only now: copy it. With the number and the code you check the status and resubmit a returned application.',
  waitReview: 'Once the bureau approves, log in with the username and password you chose.', waitAgency: 'Once your agency confirms, log in with the username and password you chose.',
  lookUp: 'Look up', unit: 'Unit', submittedAt: 'Submitted', updatedAt: 'Updated', history: 'History', returnReason: 'Reason returned',
  approvedTitle: 'Approved', approvedHint: 'Log in as {username} with the password you chose.', goLogin: 'Log in',
  returnedHint: 'Correct it and resubmit; files not uploaded again are kept.', pendingHint: 'The application is being reviewed.',
  prefilled: 'Some fields were filled in from your single sign-on identity; please check them.',
  queue: 'Registration review', all: 'All', search: 'Name, credit code, number or applicant', export: 'Export Excel', claim: 'Claim', create: 'New', kind: 'Kind',
  applicant: 'Applicant', submissions: 'Submissions', detail: 'Registration', facts: 'Application', match: 'Registry match', noMatch: 'Not in the registry: approval creates the unit.',
  field: 'Field', proposed: 'Applicant', registeredValue: 'Registry', differs: 'Differs', same: 'Same', unitAdmins: 'Current unit admins: {names}',
  creditCodeDivision: 'Credit code issued in', evidence: 'Evidence', earlierEvidence: 'Earlier evidence', view: 'View', download: 'Download',
  account: 'Account to open', role: 'Role', usernameTaken: 'Someone took this username: return the application for another one.',
  approve: 'Approve', return: 'Return', reason: 'Reason', reasonHint: 'What to correct or add; the applicant reads this',
  approveClaim: 'The applicant claims “{name}” in the registry, ', approveCreate: 'A new unit “{name}” ({kind}, {division}) is created, ',
  approveAccount: 'and the account {username} ({role}) is opened as its unit admin. This cannot be undone. Approve?',
  returnConfirm: 'Return', returnNote: 'The applicant sees the reason and may resubmit.', decided: 'Decided', outcome: 'Outcome',
  outcomeText: 'Account {username} opened for {name}', legalRepId: 'Legal representative’s ID',
  unitUsers: 'Unit users', noUnits: 'Your account acts for no unit.', noAdmin: 'This unit has no unit admin yet: whoever claims it at “Register a unit” and is approved becomes its admin.', notAdmin: 'Unit admin: {names}. Ask them to invite colleagues or change accounts.',
  members: 'Accounts', exportUnit: 'Export Excel (accounts, invitations)', exportAgency: 'Export Excel (accounts, invitations, broker applications)', unitAdmin: 'Unit admin', me: 'Me', disabled: 'Disabled', active: 'Active', lastLogin: 'Last login', never: 'Never',
  remove: 'Remove', removeConfirm: '{name} no longer acts for the unit; an account left with no unit is disabled. Remove?',
  handOver: 'Make unit admin', handOverConfirm: '{name} becomes the unit admin; you stay a member but no longer manage accounts. Hand over?',
  invite: 'Invite a colleague', inviteNote: 'Note (optional)', generate: 'Generate code', inviteCode: 'Invitation code',
  inviteOnce: 'Shown only now; valid 7 days, once. Give it to your colleague, who uses it at {link}.',
  invitations: 'Invitation codes', state: 'State', expiresAt: 'Valid until', createdAt: 'Created', createdBy: 'By', acceptedBy: 'Used by', note: 'Note',
  revoke: 'Revoke', revokeConfirm: 'The code can no longer be used. Revoke?', brokers: 'Broker applications', noBrokers: 'No broker applications.',
  confirmBroker: 'Confirm', confirmBrokerText: 'Confirm {name} as your broker: recorded in the people registry and given the account {username}. Confirm?',
  done: 'Done', joinOther: 'Join another unit with a code',
  joinTitle: 'Join a unit with a code', joinHint: 'The code from the unit admin, valid 7 days, once.', check: 'Check', joinAs: 'Join as {name}',
  joinAsConfirm: 'Your account will also act for “{unit}” as {role}. Join?', orNew: 'Or open a new account', joinSubmit: 'Open account and join',
  joined: 'Joined “{unit}”', joinedHint: 'Log in as {username}.', joinedAccepted: 'Your account now also acts for “{unit}”.', inviteFor: 'You are invited to {unit} ({role})',
};

export function useRegistrationText() {
  const { lang, vocab } = useI18n();
  const dict = lang === 'en' ? en : zh;
  const m = (key: Key, vars?: Record<string, string>) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole) : text;
  };
  return { m, vocab, lang };
}
