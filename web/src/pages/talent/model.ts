/**
 * Talent (人才) as the server presents it (server/modules/talent): practitioners with dated roles and
 * the T2 count, training courses with enrolments, attendance and certificates, the researchers named
 * on a contract, a person's contributions; React Query hooks over `api()` (keys start with 'talent'),
 * and the pages' strings.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { Page } from '../../types.js';

export interface Practitioner {
  id: string;
  personId: string;
  personName: string | null;
  role: string;
  roleLabel: string;
  organizationId: string | null;
  organizationName: string | null;
  level: string | null;
  levelLabel: string | null;
  employment: string;
  employmentLabel: string;
  certificateNumber: string | null;
  validFrom: string;
  validTo: string | null;
  isDemo: boolean;
  version: number;
}

export interface PractitionerList extends Page<Practitioner> {
  asOf: string;
  t2: { total: number; byRole: { key: string; n: number }[]; byEmployment: { key: string; n: number }[] } | null;
}

export interface Course {
  id: string;
  title: string;
  topic: string;
  topicLabel: string;
  organizerName: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  requiredHours: number;
  place: string;
  capacity: number;
  enrolled: number;
  attended: number;
  certified: number;
  isDemo: boolean;
  version: number;
}

export interface Enrolment {
  id: string;
  personId: string;
  personName: string;
  organizationName: string | null;
  enrolledByName: string;
  hours: number;
  completed: boolean;
  certificateNumber: string | null;
  certificateIssuedOn: string | null;
  version: number;
}

export interface CourseDetail extends Course {
  enrolments: Enrolment[];
}

export interface Contributions {
  person: { id: string; name: string };
  items: { contractId: string; registrationNumber: string; name: string; typeLabel: string; registeredOn: string; techAmountFen: number; role: string; roleLabel: string; brokerShare: number | null }[];
  byType: { type: string; typeLabel: string; contracts: number; techAmountFen: number }[];
  total: { contracts: number; techAmountFen: number };
}

export interface ContractResearcher {
  personId: string;
  personName: string;
  role: string;
  roleLabel: string;
}

export function usePractitioners(filters: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: ['talent', 'practitioners', filters],
    queryFn: ({ signal }) => api<PractitionerList>('/api/talent/practitioners', { query: filters, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCourses(filters: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: ['talent', 'courses', filters],
    queryFn: ({ signal }) => api<Page<Course>>('/api/talent/courses', { query: filters, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCourse(id: string | undefined) {
  return useQuery({
    queryKey: ['talent', 'course', id],
    queryFn: ({ signal }) => api<CourseDetail>(`/api/talent/courses/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function useContributions(personId: string | undefined) {
  return useQuery({
    queryKey: ['talent', 'contributions', personId],
    queryFn: ({ signal }) => api<Contributions>(`/api/talent/people/${encodeURIComponent(personId!)}/contributions`, { signal }),
    enabled: !!personId,
  });
}

export function useContractResearchers(contractId: string) {
  return useQuery({
    queryKey: ['talent', 'contract-researchers', contractId],
    queryFn: ({ signal }) =>
      api<{ contractId: string; researchers: ContractResearcher[] }>(`/api/talent/contracts/${encodeURIComponent(contractId)}/researchers`, { signal }),
  });
}

function useTalentMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ['talent'] }) });
}

export const useCreateCourse = () => useTalentMutation((body: Record<string, unknown>) => api<Course>('/api/talent/courses', { method: 'POST', body }));
export const useSavePractitioner = () => useTalentMutation((body: Record<string, unknown>) => api<Practitioner>('/api/talent/practitioners', { method: 'POST', body }));
export const useUpdatePractitioner = () =>
  useTalentMutation(({ id, ...body }: { id: string; version: number } & Record<string, unknown>) =>
    api<Practitioner>(`/api/talent/practitioners/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  );
/** Replaces the contract's researchers (the whole list, in order). */
export const useSetContractResearchers = (contractId: string) =>
  useTalentMutation((body: { researchers: { personId: string; role: string }[] }) =>
    api<{ contractId: string; researchers: ContractResearcher[] }>(`/api/talent/contracts/${encodeURIComponent(contractId)}/researchers`, { method: 'PUT', body }),
  );
export const useEnrol = () =>
  useTalentMutation(({ id, ...body }: { id: string; personId: string }) => api<CourseDetail>(`/api/talent/courses/${encodeURIComponent(id)}/enrolments`, { method: 'POST', body }));
export const useMarkHours = () =>
  useTalentMutation(({ id, enrolmentId, ...body }: { id: string; enrolmentId: string; version: number; sessionHours?: number; totalHours?: number }) =>
    api<CourseDetail>(`/api/talent/courses/${encodeURIComponent(id)}/enrolments/${encodeURIComponent(enrolmentId)}/attendance`, { method: 'POST', body }),
  );
export const useIssueCertificates = () =>
  useTalentMutation(({ id }: { id: string }) => api<{ issued: number; course: CourseDetail }>(`/api/talent/courses/${encodeURIComponent(id)}/certificates`, { method: 'POST', body: {} }));

export const downloads = {
  certificate: (enrolmentId: string) => `/api/talent/enrolments/${encodeURIComponent(enrolmentId)}/certificate`,
  contributions: (personId: string) => `/api/talent/people/${encodeURIComponent(personId)}/contributions.xlsx`,
};

const zh = {
  practitioners: '从业人员',
  courses: '培训课程',
  contributions: '转化贡献',
  asOf: '统计日期',
  t2: 'T2 技术市场从业人员（统计日在任，一人计一次）',
  person: '姓名',
  role: '身份',
  organization: '任职机构',
  level: '证书等级',
  employment: '专兼职',
  certificate: '证书编号',
  validFrom: '起始日期',
  validTo: '终止日期',
  search: '搜索姓名',
  addPractitioner: '登记从业人员',
  title: '课程名称',
  topic: '培训主题',
  organizer: '主办单位',
  startsOn: '开始日期',
  endsOn: '结束日期',
  hours: '学时',
  requiredHours: '结业学时',
  place: '培训地点',
  capacity: '名额',
  enrolled: '报名',
  attendedN: '参训',
  certified: '结业',
  newCourse: '新建培训课程',
  enrol: '报名',
  enrolHint: '选择人员（机构账号只能为本单位人员报名）',
  enrolledBy: '报名人',
  attendance: '出勤学时',
  sessionHours: '本次学时',
  addSession: '登记本次出勤',
  completed: '已达结业学时',
  issue: '颁发结业证书',
  issued: '已颁发 {n} 份结业证书',
  download: '下载证书',
  contract: '合同名称',
  registrationNumber: '登记编号',
  type: '合同类型',
  registeredOn: '登记日期',
  myRole: '本人角色',
  share: '经纪份额',
  techAmount: '技术交易额（元）',
  byType: '按合同类型汇总',
  contracts: '合同项数',
  total: '合计',
  exportXlsx: '导出 XLSX（职称评审）',
  none: '无',
  saved: '已保存',
  edit: '编辑',
  editPractitioner: '编辑从业人员登记',
  endHint: '终止任职（离职、证书失效）时填写终止日期；清空则恢复在任',
  researchers: '科研人员',
  researchersHint: '合同的项目负责人、主要完成人和参与人员，计入其转化贡献（职称评审）',
  editResearchers: '编辑科研人员',
  addResearcher: '添加科研人员',
  researcherRole: '在合同中的角色',
  noResearchers: '尚未登记科研人员',
};
type TalentKey = keyof typeof zh;

const en: Record<TalentKey, string> = {
  practitioners: 'Practitioners',
  courses: 'Training courses',
  contributions: 'Transfer contributions',
  asOf: 'As of',
  t2: 'T2 technology-market practitioners (in role on the date, each once)',
  person: 'Name',
  role: 'Role',
  organization: 'Organization',
  level: 'Certificate level',
  employment: 'Full/part-time',
  certificate: 'Certificate no.',
  validFrom: 'From',
  validTo: 'To',
  search: 'Search name',
  addPractitioner: 'Register practitioner',
  title: 'Course',
  topic: 'Topic',
  organizer: 'Organizer',
  startsOn: 'Starts',
  endsOn: 'Ends',
  hours: 'Hours',
  requiredHours: 'Hours to complete',
  place: 'Place',
  capacity: 'Capacity',
  enrolled: 'Enrolled',
  attendedN: 'Trained',
  certified: 'Certified',
  newCourse: 'New course',
  enrol: 'Enrol',
  enrolHint: 'Choose a person (an institution enrols its own people only)',
  enrolledBy: 'Enrolled by',
  attendance: 'Hours attended',
  sessionHours: 'Session hours',
  addSession: 'Record session',
  completed: 'Completed',
  issue: 'Issue certificates',
  issued: '{n} certificates issued',
  download: 'Certificate',
  contract: 'Contract',
  registrationNumber: 'Registration no.',
  type: 'Type',
  registeredOn: 'Registered',
  myRole: 'Role',
  share: 'Broker share',
  techAmount: 'Turnover (yuan)',
  byType: 'By contract type',
  contracts: 'Contracts',
  total: 'Total',
  exportXlsx: 'Export XLSX (title evaluation)',
  none: 'None',
  saved: 'Saved',
  edit: 'Edit',
  editPractitioner: 'Edit practitioner',
  endHint: 'Ending the role (left, certificate lapsed): set the end date; clear it to reopen',
  researchers: 'Researchers',
  researchersHint: 'The project leader, principal researchers and participants; counted in their transfer contributions',
  editResearchers: 'Edit researchers',
  addResearcher: 'Add researcher',
  researcherRole: 'Role on the contract',
  noResearchers: 'No researchers named yet',
};

export function useTalentText() {
  const { lang, vocab } = useI18n();
  const dict = lang === 'en' ? en : zh;
  const t = (key: TalentKey, vars?: Record<string, string | number>) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (s, name: string) => (name in vars ? String(vars[name]) : s)) : text;
  };
  return { t, lang, vocab };
}
