/**
 * 科技金融 (plan (十五)). /finance-products: a bank's products (publish, edit, withdraw) and the needs its
 * products match, each answered with an offer or a decline. /finance-needs: an enterprise's needs (post,
 * edit, close), each with the ranked products it matches — every criterion in words — and the banks' answers.
 */
import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, List, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined } from '@ant-design/icons';
import { COLLATERAL_KINDS, FINANCE_PRODUCT_KINDS, FINANCE_PURPOSES, NEED_STATUSES, OFFER_DECISIONS, OFFERING_STATUSES } from '../../../../common/services-vocabulary.js';
import { QUALIFICATION_TYPES } from '../../../../common/vocabulary.js';
import { useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { FormModal, patchOf } from '../../components/form-modal.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { formatInstant } from '../../format.js';
import { can } from '../../permissions.js';
import { YuanInput, useYuanRule } from '../contracts/contract-bits.js';
import { NotFoundPage } from '../errors.js';
import {
  type BankMatch, type FinanceNeed, type FinanceOffer, type FinanceProduct, type MatchReason, formatBp, formatWan, useMatchedNeeds, useNeed, useNeedMatches, useNeeds,
  useProducts, useSend, useServicesText, withoutId,
} from './model.js';

function Reasons({ reasons }: { reasons: MatchReason[] }) {
  return (
    <Space direction="vertical" size={0}>
      {reasons.map((r) => <Typography.Text key={r.criterion} type={r.met ? 'success' : 'danger'} data-testid="match-reason">{r.met ? '✓' : '✗'} {r.text}</Typography.Text>)}
    </Space>
  );
}

function OfferText({ offer }: { offer: FinanceOffer | null }) {
  const { s, vocab } = useServicesText();
  if (!offer) return <Typography.Text type="secondary">{s('noOffer')}</Typography.Text>;
  return (
    <Space direction="vertical" size={0} data-testid="offer">
      <Tag color={offer.decision === 'offered' ? 'success' : 'default'}>{vocab(OFFER_DECISIONS, offer.decision)}</Tag>
      {offer.decision === 'offered' && <span>{formatWan(offer.amountFen ?? 0)} · {formatBp(offer.rateBp)} · {offer.termMonths}个月</span>}
      {offer.note && <Typography.Text type="secondary">{offer.note}</Typography.Text>}
    </Space>
  );
}

const range = (p: FinanceProduct) => `${formatWan(p.minAmountFen)}–${formatWan(p.maxAmountFen)}`;

/** What an edit may change (the bank is fixed). */
const PRODUCT_EDITABLE = ['name', 'kind', 'minAmountFen', 'maxAmountFen', 'minRateBp', 'maxRateBp', 'minTermMonths', 'maxTermMonths', 'requiredQualifications', 'collateralKinds', 'description'] as const;

function ProductFields({ editing }: { editing?: FinanceProduct }) {
  const { s } = useServicesText();
  const yuanRule = useYuanRule();
  const int = { precision: 0, min: 0, style: { width: '100%' } };
  return (<>
    {editing
      ? <Form.Item label={s('bank')}>{editing.bank.name}</Form.Item>
      : <Form.Item name="bankOrganizationId" label={s('bank')} rules={[{ required: true }]}><OrganizationSelect /></Form.Item>}
    <Form.Item name="name" label={s('title')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
    <Form.Item name="kind" label={s('kind')} rules={[{ required: true }]}><VocabSelect vocabulary={FINANCE_PRODUCT_KINDS} /></Form.Item>
    <Space wrap>
      <Form.Item name="minAmountFen" label={s('minAmount')} rules={[{ required: true }, yuanRule]}><YuanInput /></Form.Item>
      <Form.Item name="maxAmountFen" label={s('maxAmount')} rules={[{ required: true }, yuanRule]}><YuanInput /></Form.Item>
      <Form.Item name="minRateBp" label={s('minRate')} rules={[{ required: true }]}><InputNumber {...int} /></Form.Item>
      <Form.Item name="maxRateBp" label={s('maxRate')} rules={[{ required: true }]}><InputNumber {...int} /></Form.Item>
      <Form.Item name="minTermMonths" label={s('minTerm')} rules={[{ required: true }]}><InputNumber {...int} min={1} /></Form.Item>
      <Form.Item name="maxTermMonths" label={s('maxTerm')} rules={[{ required: true }]}><InputNumber {...int} min={1} /></Form.Item>
    </Space>
    <Form.Item name="requiredQualifications" label={s('qualifications')}><VocabSelect vocabulary={QUALIFICATION_TYPES} mode="multiple" /></Form.Item>
    <Form.Item name="collateralKinds" label={s('collateral')} rules={[{ required: true }]}><VocabSelect vocabulary={COLLATERAL_KINDS} mode="multiple" /></Form.Item>
    <Form.Item name="description" label={s('description')} rules={[{ required: true, min: 10 }]}><Input.TextArea rows={3} /></Form.Item>
  </>);
}

function EditProduct({ product, onClose }: { product: FinanceProduct; onClose: () => void }) {
  const { s } = useServicesText();
  const patch = useSend<{ id: string; version: number } & Record<string, unknown>>('PATCH', (b) => `/api/finance/products/${encodeURIComponent(b.id)}`, withoutId);
  const initial = {
    name: product.name, kind: product.kind, minAmountFen: product.minAmountFen, maxAmountFen: product.maxAmountFen, minRateBp: product.minRateBp, maxRateBp: product.maxRateBp,
    minTermMonths: product.minTermMonths, maxTermMonths: product.maxTermMonths, requiredQualifications: product.requiredQualifications, collateralKinds: product.collateralKinds,
    description: product.description,
  };
  return (
    <FormModal<Record<string, unknown>> open title={s('editProduct')} onClose={onClose} initialValues={initial} testId="product-edit"
      onSubmit={async (v) => {
        const body = patchOf(product, initial, { requiredQualifications: [], ...v }, PRODUCT_EDITABLE);
        if (body) await patch.mutateAsync({ id: product.id, ...body, version: product.version });
      }}>
      {() => <ProductFields editing={product} />}
    </FormModal>
  );
}

function RespondDialog({ match, onClose }: { match: BankMatch; onClose: () => void }) {
  const { s, vocab } = useServicesText();
  const yuanRule = useYuanRule();
  const send = useSend<{ id: string } & Record<string, unknown>>('POST', (b) => `/api/finance/needs/${encodeURIComponent(b.id)}/offers`, withoutId);
  return (
    <FormModal<Record<string, unknown>> open title={`${s('respond')}：${match.need.title}`} onClose={onClose} testId="offer"
      initialValues={{ decision: 'offered', amountFen: match.need.amountFen, termMonths: match.need.termMonths, rateBp: match.product.minRateBp }}
      onSubmit={(v) => send.mutateAsync({ id: match.need.id, productId: match.product.id, ...v })}>
      {(form) => (<>
        <Form.Item name="decision" label={s('decision')}>
          <Radio.Group options={OFFER_DECISIONS.values.map((d) => ({ value: d, label: vocab(OFFER_DECISIONS, d) }))} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {() => form.getFieldValue('decision') === 'offered' && (
            <Space wrap>
              <Form.Item name="amountFen" label={s('amount')} rules={[{ required: true }, yuanRule]}><YuanInput /></Form.Item>
              <Form.Item name="rateBp" label={s('rate')} rules={[{ required: true }]}><InputNumber precision={0} min={0} /></Form.Item>
              <Form.Item name="termMonths" label={s('term')} rules={[{ required: true }]}><InputNumber precision={0} min={1} /></Form.Item>
            </Space>
          )}
        </Form.Item>
        <Form.Item name="note" label={s('note')}><Input.TextArea rows={3} /></Form.Item>
      </>)}
    </FormModal>
  );
}

function ProductsPage() {
  const { s, vocab } = useServicesText();
  const user = useUser();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [responding, setResponding] = useState<BankMatch | null>(null);
  const [editing, setEditing] = useState<FinanceProduct | null>(null);
  const query = useProducts({ page, pageSize: 20 });
  const matched = useMatchedNeeds(can(user, 'finance.offer.write'));
  const create = useSend<Record<string, unknown>>('POST', () => '/api/finance/products');
  const patch = useSend<{ id: string; version: number; status: string }>('PATCH', (b) => `/api/finance/products/${encodeURIComponent(b.id)}`, withoutId);
  const writer = can(user, 'finance.product.write');
  const columns: ColumnsType<FinanceProduct> = [
    { title: s('title'), render: (_: unknown, p) => <Space>{p.name}<DemoTag isDemo={p.isDemo} /></Space> },
    { title: s('kind'), width: 130, render: (_: unknown, p) => vocab(FINANCE_PRODUCT_KINDS, p.kind) },
    { title: s('bank'), width: 220, render: (_: unknown, p) => p.bank.name },
    { title: s('amountRange'), width: 170, render: (_: unknown, p) => range(p) },
    { title: s('rateRange'), width: 130, render: (_: unknown, p) => `${formatBp(p.minRateBp)}–${formatBp(p.maxRateBp)}` },
    { title: s('termRange'), width: 100, render: (_: unknown, p) => `${p.minTermMonths}–${p.maxTermMonths}` },
    { title: s('qualifications'), width: 160, render: (_: unknown, p) => p.requiredQualifications.map((q) => vocab(QUALIFICATION_TYPES, q)).join('、') || '—' },
    { title: s('collateral'), width: 200, render: (_: unknown, p) => p.collateralKinds.map((c) => vocab(COLLATERAL_KINDS, c)).join('、') },
    { title: s('status'), width: 90, render: (_: unknown, p) => vocab(OFFERING_STATUSES, p.status) },
    ...(writer ? [{
      title: '', width: 190,
      render: (_: unknown, p: FinanceProduct) => (
        <Space>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid="product-edit">{s('edit')}</Button>
          <Button size="small" onClick={() => patch.mutate({ id: p.id, version: p.version, status: p.status === 'active' ? 'withdrawn' : 'active' })}>{p.status === 'active' ? s('withdraw') : s('reactivate')}</Button>
        </Space>
      ),
    }] : []),
  ];
  return (
    <>
      <PageHeader title={s('products')} extra={writer && <Button type="primary" onClick={() => setOpen(true)} data-testid="product-new">{s('newProduct')}</Button>} />
      <Card>
        <Table<FinanceProduct> rowKey="id" size="middle" loading={query.isFetching} dataSource={query.data?.items ?? []} columns={columns} scroll={{ x: 1500 }}
          pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} data-testid="products-table" />
      </Card>
      {can(user, 'finance.offer.write') && (
        <Card title={s('matchedNeeds')} style={{ marginTop: 16 }} extra={matched.data && <Typography.Text type="secondary">{s('asOf', { date: matched.data.asOf })}</Typography.Text>}>
          <List<BankMatch>
            loading={matched.isFetching}
            dataSource={matched.data?.items ?? []}
            data-testid="matched-needs"
            renderItem={(m) => (
              <List.Item actions={[m.offer ? <OfferText key="o" offer={m.offer} /> : <Button key="r" type="primary" onClick={() => setResponding(m)} data-testid="offer-respond">{s('respond')}</Button>]}>
                <List.Item.Meta
                  title={<Space wrap>{m.need.title}<DemoTag isDemo={m.need.isDemo} /><Tag>{m.product.name}</Tag></Space>}
                  description={<>
                    <div>{m.need.organization.name} · {formatWan(m.need.amountFen)} · {m.need.termMonths}个月 · {vocab(FINANCE_PURPOSES, m.need.purpose)}</div>
                    <Reasons reasons={m.reasons} />
                  </>}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      {open && <FormModal<Record<string, unknown>> open title={s('newProduct')} onClose={() => setOpen(false)} onSubmit={(v) => create.mutateAsync({ requiredQualifications: [], ...v })} testId="product-new">{() => <ProductFields />}</FormModal>}
      {editing && <EditProduct product={editing} onClose={() => setEditing(null)} />}
      {responding && <RespondDialog match={responding} onClose={() => setResponding(null)} />}
    </>
  );
}

/** What an edit may change (the enterprise is fixed). */
const NEED_EDITABLE = ['title', 'amountFen', 'purpose', 'termMonths', 'collateralKinds', 'contractId', 'achievementId', 'description'] as const;

function NeedFields({ editing }: { editing?: FinanceNeed }) {
  const { s } = useServicesText();
  const yuanRule = useYuanRule();
  return (<>
    {editing
      ? <Form.Item label={s('organization')}>{editing.organization.name}</Form.Item>
      : <Form.Item name="organizationId" label={s('organization')} rules={[{ required: true }]}><OrganizationSelect /></Form.Item>}
    <Form.Item name="title" label={s('title')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
    <Space wrap>
      <Form.Item name="amountFen" label={s('amount')} rules={[{ required: true }, yuanRule]}><YuanInput /></Form.Item>
      <Form.Item name="termMonths" label={s('term')} rules={[{ required: true }]}><InputNumber precision={0} min={1} /></Form.Item>
      <Form.Item name="purpose" label={s('purpose')} rules={[{ required: true }]}><VocabSelect vocabulary={FINANCE_PURPOSES} style={{ width: 160 }} /></Form.Item>
    </Space>
    <Form.Item name="collateralKinds" label={s('collateral')} rules={[{ required: true }]}><VocabSelect vocabulary={COLLATERAL_KINDS} mode="multiple" /></Form.Item>
    <Form.Item name="contractId" label={s('contractId')}><Input /></Form.Item>
    <Form.Item name="achievementId" label={s('achievementId')}><Input /></Form.Item>
    <Form.Item name="description" label={s('description')} rules={[{ required: true, min: 10 }]}><Input.TextArea rows={3} /></Form.Item>
  </>);
}

function EditNeed({ need, onClose }: { need: FinanceNeed; onClose: () => void }) {
  const { s } = useServicesText();
  const patch = useSend<{ id: string; version: number } & Record<string, unknown>>('PATCH', (b) => `/api/finance/needs/${encodeURIComponent(b.id)}`, withoutId);
  const initial = {
    title: need.title, amountFen: need.amountFen, purpose: need.purpose, termMonths: need.termMonths, collateralKinds: need.collateralKinds,
    contractId: need.contract?.id, achievementId: need.achievement?.id, description: need.description,
  };
  return (
    <FormModal<Record<string, unknown>> open title={s('editNeed')} onClose={onClose} initialValues={initial} testId="need-edit"
      onSubmit={async (v) => {
        const body = patchOf(need, initial, v, NEED_EDITABLE);
        if (body) await patch.mutateAsync({ id: need.id, ...body, version: need.version });
      }}>
      {() => <NeedFields editing={need} />}
    </FormModal>
  );
}

function NeedsList() {
  const { s, vocab } = useServicesText();
  const user = useUser();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const query = useNeeds({ status, page, pageSize: 20 });
  const create = useSend<Record<string, unknown>>('POST', () => '/api/finance/needs');
  const columns: ColumnsType<FinanceNeed> = [
    { title: s('title'), render: (_: unknown, n) => <Space><Link to={`/finance-needs/${n.id}`} data-testid="need-link">{n.title}</Link><DemoTag isDemo={n.isDemo} /></Space> },
    { title: s('organization'), width: 240, render: (_: unknown, n) => n.organization.name },
    { title: s('amount'), width: 120, render: (_: unknown, n) => formatWan(n.amountFen) },
    { title: s('term'), width: 90, dataIndex: 'termMonths' },
    { title: s('purpose'), width: 110, render: (_: unknown, n) => vocab(FINANCE_PURPOSES, n.purpose) },
    { title: s('status'), width: 90, render: (_: unknown, n) => vocab(NEED_STATUSES, n.status) },
    { title: s('createdAt'), width: 170, render: (_: unknown, n) => formatInstant(n.createdAt) },
  ];
  return (
    <>
      <PageHeader title={s('needs')} extra={can(user, 'finance.need.write') && <Button type="primary" onClick={() => setOpen(true)} data-testid="need-new">{s('newNeed')}</Button>} />
      <Card>
        <Select allowClear placeholder={s('status')} value={status} style={{ width: 160, marginBottom: 12 }} onChange={(v) => { setStatus(v); setPage(1); }}
          options={NEED_STATUSES.values.map((v) => ({ value: v, label: vocab(NEED_STATUSES, v) }))} />
        <Table<FinanceNeed> rowKey="id" size="middle" loading={query.isFetching} dataSource={query.data?.items ?? []} columns={columns}
          pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} data-testid="needs-table" />
      </Card>
      {open && (
        <FormModal<Record<string, unknown>> open title={s('newNeed')} onClose={() => setOpen(false)} onSubmit={(v) => create.mutateAsync(v)} testId="need-new">
          {() => <NeedFields />}
        </FormModal>
      )}
    </>
  );
}

function NeedDetail() {
  const { id } = useParams();
  const { s, vocab } = useServicesText();
  const user = useUser();
  const query = useNeed(id);
  const matches = useNeedMatches(id);
  const patch = useSend<{ id: string; version: number; status: string }>('PATCH', (b) => `/api/finance/needs/${encodeURIComponent(b.id)}`, withoutId);
  const [editing, setEditing] = useState(false);
  return (
    <QueryGate query={query}>
      {(n) => (
        <>
          <PageHeader title={n.title} back="/finance-needs" tags={<><Tag>{vocab(NEED_STATUSES, n.status)}</Tag><DemoTag isDemo={n.isDemo} /></>}
            extra={can(user, 'finance.need.write') && n.status === 'open' && (<>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="need-edit">{s('edit')}</Button>
              <Button onClick={() => patch.mutate({ id: n.id, version: n.version, status: 'closed' })}>{s('close')}</Button>
            </>)} />
          {editing && <EditNeed need={n} onClose={() => setEditing(false)} />}
          <Card>
            <Descriptions column={2} size="small" items={[
              { key: 'org', label: s('organization'), children: n.organization.name },
              { key: 'amount', label: s('amount'), children: formatWan(n.amountFen) },
              { key: 'term', label: s('term'), children: n.termMonths },
              { key: 'purpose', label: s('purpose'), children: vocab(FINANCE_PURPOSES, n.purpose) },
              { key: 'collateral', label: s('collateral'), children: n.collateralKinds.map((c) => vocab(COLLATERAL_KINDS, c)).join('、') },
              { key: 'contract', label: s('contract'), children: n.contract ? <Link to={`/contracts/${n.contract.id}`}>{n.contract.name}</Link> : '—' },
              { key: 'ach', label: s('achievement'), children: n.achievement ? <Link to={`/market/achievements/${n.achievement.id}`}>{n.achievement.title}</Link> : '—' },
              { key: 'desc', label: s('description'), children: n.description, span: 2 },
            ]} />
          </Card>
          <Card title={s('matches')} style={{ marginTop: 16 }} extra={matches.data && <Typography.Text type="secondary">{s('asOf', { date: matches.data.asOf })}</Typography.Text>}>
            {matches.error && <Alert type="error" message={matches.error.message} />}
            <List
              loading={matches.isFetching}
              dataSource={matches.data?.items ?? []}
              data-testid="need-matches"
              renderItem={(m) => (
                <List.Item actions={[<OfferText key="o" offer={m.offer} />]}>
                  <List.Item.Meta
                    title={<Space wrap><Tag color={m.matched ? 'success' : 'default'}>{m.matched ? s('matched') : s('partly')}</Tag>{m.product.name}<span>（{m.product.bank.name}）</span></Space>}
                    description={<>
                      <div>{vocab(FINANCE_PRODUCT_KINDS, m.product.kind)} · {range(m.product)} · {formatBp(m.product.minRateBp)}–{formatBp(m.product.maxRateBp)}</div>
                      <Reasons reasons={m.reasons} />
                    </>}
                  />
                </List.Item>
              )}
            />
          </Card>
        </>
      )}
    </QueryGate>
  );
}

export function ProductRoutes() {
  return <Routes><Route index element={<ProductsPage />} /><Route path="*" element={<NotFoundPage />} /></Routes>;
}

export default function NeedRoutes() {
  return (
    <Routes>
      <Route index element={<NeedsList />} />
      <Route path=":id" element={<NeedDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
