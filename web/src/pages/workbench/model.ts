/** 工作台 on the web: hooks over `api()` (shapes in common/workbench-api.ts) and the page's strings. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProspectPage, Workbench } from '../../../../common/workbench-api.js';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';

export type { Prospect, ProspectPage, Workbench, WorkbenchItem } from '../../../../common/workbench-api.js';

export const useWorkbench = () => useQuery({ queryKey: ['workbench'], queryFn: ({ signal }) => api<Workbench>('/api/workbench', { signal }) });

export const useProspects = (enabled: boolean) =>
  useQuery({ queryKey: ['workbench', 'prospects'], queryFn: ({ signal }) => api<ProspectPage>('/api/workbench/prospects', { signal }), enabled });

export function useApplyFromProspect() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { noticeId: string; organizationId: string; personId?: string }) => api<{ id: string }>('/api/workbench/prospects/apply', { method: 'POST', body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['workbench'] });
      void client.invalidateQueries({ queryKey: ['applications'] });
    },
  });
}

const zh = {
  title: '工作台',
  todo: '待办事项',
  noTodo: '暂无待办事项',
  prospects: '免申即享 · 预计可获奖补',
  prospectsHint: '按今天已登记的合同和有凭证、发票的到账额，由奖补规则计算，仅供参考；以核定结果为准。',
  noProspects: '目前没有开放申报的奖补通知，或本单位没有可计入的合同。',
  mayGet: '预计可获',
  closesOn: '申报截止',
  baseYear: '基准年度',
  beneficiary: '受益方',
  why: '计算依据',
  obstacles: '还可以补齐的',
  countedContracts: '计入的合同',
  apply: '按此申报',
  applyConfirm: '将以上计入的 {n} 份合同新建一份申报草稿（可在提交前修改、补充材料）。继续吗？',
  applied: '已申报：{number}（{status}）',
  openApplication: '查看申报',
  nothingToApply: '暂无可计入的合同，补齐上面的材料后再申报',
  notifications: '最新通知',
  noNotifications: '暂无通知',
  allNotifications: '全部通知',
  shortcuts: '常用功能',
  yuan: '元',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  title: 'Workbench',
  todo: 'To do',
  noTodo: 'Nothing to do',
  prospects: 'Awards you may be owed',
  prospectsHint: "Computed by the subsidy rules from today's registered contracts and evidenced payments; an estimate, the awarded amount is final.",
  noProspects: 'No notice is open for applications, or no contract of your unit counts.',
  mayGet: 'May receive',
  closesOn: 'Closes',
  baseYear: 'Base year',
  beneficiary: 'Beneficiary',
  why: 'How it is computed',
  obstacles: 'What you can still add',
  countedContracts: 'Contracts counted',
  apply: 'Apply with these',
  applyConfirm: 'A draft application will be created with the {n} contract(s) counted above (you can edit it before submitting). Continue?',
  applied: 'Applied: {number} ({status})',
  openApplication: 'Open application',
  nothingToApply: 'No contract counts yet; add what is listed above first',
  notifications: 'Latest notifications',
  noNotifications: 'No notifications',
  allNotifications: 'All notifications',
  shortcuts: 'Shortcuts',
  yuan: 'yuan',
};

export function useWorkbenchText() {
  const { lang } = useI18n();
  const dict = lang === 'en' ? en : zh;
  return { m: (key: Key, vars: Record<string, string | number> = {}) => dict[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')) };
}
