/**
 * 奖补结算 (settlements): run a year's settlement under a policy (免申即享, the whole registry), the
 * runs so far, and a run's awards — each opening its explanation in Chinese, yuan by yuan.
 */
import { useEffect, useState } from 'react';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, List, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { api, isApiError } from '../../api.js';
import { PageHeader } from '../../components/page.js';
import { formatInstant } from '../../format.js';
import { NotFoundPage } from '../errors.js';
import { useSubsidyText } from './messages.js';

export interface PolicySummary {
  id: string;
  title: string;
  document: string;
  jurisdiction: string;
  effective: string;
  rules: { id: string; title: string }[];
  /** This jurisdiction's own: it may settle and open notices under it. */
  usable: boolean;
}

interface SettlementRun {
  id: string;
  policyId: string;
  policyTitle: string;
  policyHash: string;
  year: number;
  scope: 'registry' | 'applications';
  scopeRef: string | null;
  budgets: Record<string, number>;
  inputHash: string;
  resultHash: string;
  contractCount: number;
  awardCount: number;
  awardTotalYuan: number;
  exclusionCount: number;
  createdAt: string;
}

interface SettledAward {
  seq: number;
  rule: string;
  beneficiaryRef: string;
  beneficiaryKind: 'organization' | 'person';
  beneficiaryName: string;
  amountYuan: number;
}

interface SettledExclusion {
  contract: string;
  contractName: string | null;
  registrationNumber: string | null;
  rule: string;
  reason: string;
  label: string;
  to?: string;
}

interface AwardExplanation extends SettledAward {
  lines: string[];
  contracts: Record<string, { name: string; registrationNumber: string | null }>;
}

const yuan = (n: number) => new Intl.NumberFormat('zh-CN').format(n);

export function usePolicies() {
  return useQuery({ queryKey: ['subsidies', 'policies'], queryFn: () => api<PolicySummary[]>('/api/subsidies/policies') });
}

function SettlementList() {
  const s = useSubsidyText();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { modal } = App.useApp();
  const policies = usePolicies();
  const runs = useQuery({ queryKey: ['subsidies', 'settlements'], queryFn: () => api<SettlementRun[]>('/api/subsidies/settlements') });
  const [form] = Form.useForm<{ policy: string; year: number; budgets: Record<string, number | null> }>();
  const policyId = Form.useWatch('policy', form);
  const policy = policies.data?.find((p) => p.id === policyId);
  // Only this jurisdiction's own policies can be settled; the first is chosen once they arrive.
  const ownPolicies = (policies.data ?? []).filter((p) => p.usable);
  useEffect(() => {
    if (!form.getFieldValue('policy') && ownPolicies[0]) form.setFieldValue('policy', ownPolicies[0].id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form, policies.data]);
  const run = useMutation({
    mutationFn: (values: { policy: string; year: number; budgets?: Record<string, number | null> }) => {
      const budgets = Object.fromEntries(Object.entries(values.budgets ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'));
      return api<SettlementRun>('/api/subsidies/settlements', { method: 'POST', body: { policy: values.policy, year: values.year, budgets } });
    },
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: ['subsidies', 'settlements'] });
      navigate(`/settlements/${created.id}`);
    },
  });
  return (
    <div className="tt-page">
      <PageHeader title={s('title')} />
      <Card title={s('newRun')} size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{s('newRunHelp')}</Typography.Paragraph>
        <Form form={form} layout="inline" initialValues={{ year: new Date().getFullYear() }} onFinish={(values) =>
            // A run is kept for good: say so before it is made.
            modal.confirm({
              title: s('run'),
              content: s('runConfirm', { policy: policies.data?.find((p) => p.id === values.policy)?.title ?? '', year: values.year, base: values.year - 1 }),
              okText: s('run'),
              okButtonProps: { 'data-testid': 'settlement-run-confirm' } as never,
              onOk: () => run.mutate(values),
            })
          } data-testid="settlement-form">
          <Form.Item name="policy" label={s('policy')} rules={[{ required: true }]}>
            <Select style={{ width: 320 }} options={ownPolicies.map((p) => ({ value: p.id, label: p.title }))} data-testid="settlement-policy" />
          </Form.Item>
          <Form.Item name="year" label={s('year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} data-testid="settlement-year" />
          </Form.Item>
          {policy?.rules.map((r) => (
            <Form.Item key={r.id} name={['budgets', r.id]} label={`${s('budget')}·${r.title}`}>
              <InputNumber min={0} precision={0} addonAfter="元" style={{ width: 180 }} placeholder={s('noBudget')} />
            </Form.Item>
          ))}
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={run.isPending} data-testid="settlement-run">
              {s('run')}
            </Button>
          </Form.Item>
        </Form>
        {run.error && <Alert type="error" showIcon style={{ marginTop: 12 }} message={isApiError(run.error) ? run.error.message : String(run.error)} />}
      </Card>
      <Table<SettlementRun>
        rowKey="id"
        loading={runs.isLoading}
        dataSource={runs.data ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => navigate(`/settlements/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: s('createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
          { title: s('policy'), dataIndex: 'policyTitle' },
          { title: s('year'), dataIndex: 'year' },
          { title: s('scope'), dataIndex: 'scope', render: (v: SettlementRun['scope']) => <Tag>{s(`scope.${v}`)}</Tag> },
          { title: s('awards'), dataIndex: 'awardCount', align: 'right' },
          { title: s('total'), dataIndex: 'awardTotalYuan', align: 'right', render: (v: number) => `${yuan(v)} 元` },
          { title: s('resultHash'), dataIndex: 'resultHash', render: (v: string) => <Typography.Text code>{v.slice(0, 12)}</Typography.Text> },
        ]}
      />
    </div>
  );
}

function SettlementDetail() {
  const s = useSubsidyText();
  const { id } = useParams();
  const policies = usePolicies();
  const run = useQuery({ queryKey: ['subsidies', 'settlements', id], queryFn: () => api<SettlementRun>(`/api/subsidies/settlements/${id}`) });
  const awards = useQuery({ queryKey: ['subsidies', 'settlements', id, 'awards'], queryFn: () => api<SettledAward[]>(`/api/subsidies/settlements/${id}/awards`) });
  const [open, setOpen] = useState<number | null>(null);
  if (run.error && isApiError(run.error) && run.error.status === 404) return <NotFoundPage />;
  const r = run.data;
  const ruleTitle = (rule: string) => policies.data?.find((p) => p.id === r?.policyId)?.rules.find((x) => x.id === rule)?.title ?? rule;
  return (
    <div className="tt-page">
      <PageHeader title={r ? `${r.policyTitle} · ${r.year}` : s('title')} back="/settlements" />
      {r && (
        <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }} data-testid="settlement-summary">
          <Descriptions.Item label={s('policy')}>{[r.policyTitle, policies.data?.find((p) => p.id === r.policyId)?.document].filter(Boolean).join('　')}</Descriptions.Item>
          <Descriptions.Item label={s('year')}>{`${r.year}（${s('baseYear')} ${r.year - 1}）`}</Descriptions.Item>
          <Descriptions.Item label={s('scope')}>{s(`scope.${r.scope}`)}</Descriptions.Item>
          <Descriptions.Item label={s('contracts')}>{r.contractCount}</Descriptions.Item>
          <Descriptions.Item label={s('awards')}>{r.awardCount}</Descriptions.Item>
          <Descriptions.Item label={s('total')}>{`${yuan(r.awardTotalYuan)} 元`}</Descriptions.Item>
          <Descriptions.Item label={s('exclusions')}>{r.exclusionCount}</Descriptions.Item>
          <Descriptions.Item label={s('createdAt')}>{formatInstant(r.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={s('inputHash')} span={2}><Typography.Text code copyable>{r.inputHash}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={s('resultHash')} span={2}><Typography.Text code copyable>{r.resultHash}</Typography.Text></Descriptions.Item>
        </Descriptions>
      )}
      <Tabs
        items={[
          {
            key: 'awards',
            label: s('awards'),
            children: (
              <Table<SettledAward>
                rowKey="seq"
                loading={awards.isLoading}
                dataSource={awards.data ?? []}
                data-testid="settlement-awards"
                onRow={(a) => ({ onClick: () => setOpen(a.seq), style: { cursor: 'pointer' } })}
                columns={[
                  { title: s('rule'), dataIndex: 'rule', render: (v: string) => ruleTitle(v) },
                  { title: s('beneficiary'), dataIndex: 'beneficiaryName' },
                  { title: s('kind'), dataIndex: 'beneficiaryKind', render: (v: SettledAward['beneficiaryKind']) => s(`kind.${v}`) },
                  { title: s('amount'), dataIndex: 'amountYuan', align: 'right', render: (v: number) => `${yuan(v)} 元` },
                  { title: '', key: 'why', render: () => <Button type="link">{s('why')}</Button> },
                ]}
              />
            ),
          },
          { key: 'exclusions', label: s('exclusions'), children: <Exclusions runId={id!} ruleTitle={ruleTitle} /> },
        ]}
      />
      <AwardDrawer runId={id!} seq={open} onClose={() => setOpen(null)} ruleTitle={ruleTitle} />
    </div>
  );
}

/** Why contracts earned nothing: the run's exclusions, or one contract's, with the reason in Chinese. */
function Exclusions({ runId, ruleTitle }: { runId: string; ruleTitle: (rule: string) => string }) {
  const s = useSubsidyText();
  const [contract, setContract] = useState('');
  const list = useQuery({
    queryKey: ['subsidies', 'settlements', runId, 'exclusions', contract],
    queryFn: () => api<SettledExclusion[]>(`/api/subsidies/settlements/${runId}/exclusions`, { query: contract ? { contract } : { limit: 500 } }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search allowClear placeholder={s('contractSearch')} onSearch={(v) => setContract(v.trim())} style={{ width: 420 }} data-testid="exclusion-search" />
      <Table<SettledExclusion>
        rowKey={(e) => `${e.contract}|${e.rule}|${e.to ?? ''}`}
        loading={list.isLoading}
        dataSource={list.data ?? []}
        data-testid="settlement-exclusions"
        columns={[
          { title: s('contract'), dataIndex: 'contract', render: (v: string, e) => <a href={`/contracts/${v}`}>{e.contractName ?? '—'}{e.registrationNumber ? `（${e.registrationNumber}）` : ''}</a> },
          { title: s('rule'), dataIndex: 'rule', render: (v: string) => ruleTitle(v) },
          { title: s('reason'), dataIndex: 'label' },
        ]}
      />
    </Space>
  );
}

/** One award explained: the Chinese lines of its trace (explain.ts on the server). */
export function AwardDrawer({ runId, seq, onClose, ruleTitle }: { runId: string; seq: number | null; onClose: () => void; ruleTitle: (rule: string) => string }) {
  const s = useSubsidyText();
  const award = useQuery({
    queryKey: ['subsidies', 'settlements', runId, 'awards', seq],
    queryFn: () => api<AwardExplanation>(`/api/subsidies/settlements/${runId}/awards/${seq}`),
    enabled: seq !== null,
  });
  const a = award.data;
  return (
    <Drawer open={seq !== null} onClose={onClose} width={720} title={a ? `${a.beneficiaryName} · ${ruleTitle(a.rule)} · ${yuan(a.amountYuan)} 元` : s('why')} data-testid="award-explanation">
      {a && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Title level={5}>{s('explanation')}</Typography.Title>
          <List size="small" bordered dataSource={a.lines} renderItem={(line) => <List.Item style={{ whiteSpace: 'pre-wrap' }}>{line}</List.Item>} />
        </Space>
      )}
    </Drawer>
  );
}

/** /settlements and /settlements/:id. */
export default function SettlementRoutes() {
  return (
    <Routes>
      <Route index element={<SettlementList />} />
      <Route path=":id" element={<SettlementDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
