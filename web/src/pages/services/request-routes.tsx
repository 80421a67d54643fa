/**
 * 服务请求 (/service-requests): an enterprise's requests to agencies and an agency's incoming ones,
 * with the moves each side may make (受理 / 办理中 / 完成 / 拒绝 by the agency, 取消 by the enterprise)
 * and the history. `?offering=` or `?provider=` (from the public directory) opens a new request.
 */
import { useState } from 'react';
import { Link, Route, Routes, useParams, useSearchParams } from 'react-router';
import { Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { REQUEST_STATUSES, SERVICE_CATEGORIES, type RequestStatus } from '../../../../common/services-vocabulary.js';
import { useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { formatInstant } from '../../format.js';
import { can } from '../../permissions.js';
import { NotFoundPage } from '../errors.js';
import { RequestStatusTag } from './bits.js';
import { type ServiceRequest, usePublicOfferings, useSend, useServiceRequest, useServiceRequests, useServicesText, withoutId } from './model.js';

function NewRequest({ open, onClose, offeringId, providerId }: { open: boolean; onClose: () => void; offeringId?: string; providerId?: string }) {
  const { s } = useServicesText();
  const offerings = usePublicOfferings({ page: 1, pageSize: 100, organizationId: providerId });
  const send = useSend<Record<string, unknown>>('POST', () => '/api/services/requests');
  return (
    <FormModal<Record<string, string>> open={open} title={s('newRequest')} onClose={onClose} onSubmit={(v) => send.mutateAsync(v)} testId="request-new"
      initialValues={{ offeringId, providerOrganizationId: providerId }}>
      {() => (<>
        <Typography.Paragraph type="secondary">{s('requestHint')}</Typography.Paragraph>
        <Form.Item name="requesterOrganizationId" label={s('requester')} rules={[{ required: true }]}><OrganizationSelect /></Form.Item>
        <Form.Item name="offeringId" label={s('offering')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(offerings.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.title}（${o.organization.name}）` }))} />
        </Form.Item>
        <Form.Item name="providerOrganizationId" label={s('provider')}><OrganizationSelect /></Form.Item>
        <Form.Item name="category" label={s('category')}><VocabSelect vocabulary={SERVICE_CATEGORIES} /></Form.Item>
        <Form.Item name="title" label={s('title')} rules={[{ required: true, min: 2 }]}><Input data-testid="request-title" /></Form.Item>
        <Form.Item name="description" label={s('description')} rules={[{ required: true, min: 10 }]}><Input.TextArea rows={4} data-testid="request-description" /></Form.Item>
      </>)}
    </FormModal>
  );
}

function RequestList() {
  const { s, vocab } = useServicesText();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<string | undefined>(params.get('status') ?? undefined);
  const [page, setPage] = useState(1);
  const query = useServiceRequests({ status, page, pageSize: 20 });
  const preset = { offeringId: params.get('offering') ?? undefined, providerId: params.get('provider') ?? undefined };
  const [open, setOpen] = useState(!!(preset.offeringId || preset.providerId));
  const columns: ColumnsType<ServiceRequest> = [
    { title: s('title'), render: (_: unknown, r) => <Space><Link to={`/service-requests/${r.id}`} data-testid="request-link">{r.title}</Link><DemoTag isDemo={r.isDemo} /></Space> },
    { title: s('category'), width: 130, render: (_: unknown, r) => vocab(SERVICE_CATEGORIES, r.category) },
    { title: s('requester'), width: 220, render: (_: unknown, r) => r.requester.name },
    { title: s('provider'), width: 220, render: (_: unknown, r) => r.provider.name },
    { title: s('status'), width: 100, render: (_: unknown, r) => <RequestStatusTag status={r.status} /> },
    { title: s('createdAt'), width: 170, render: (_: unknown, r) => formatInstant(r.createdAt) },
  ];
  return (
    <>
      <PageHeader title={s('requests')} extra={can(user, 'services.request.create') && <Button type="primary" onClick={() => setOpen(true)} data-testid="request-new">{s('newRequest')}</Button>} />
      <Card>
        <Select allowClear placeholder={s('status')} value={status} style={{ width: 160, marginBottom: 12 }} onChange={(v) => { setStatus(v); setPage(1); }}
          options={REQUEST_STATUSES.values.map((v) => ({ value: v, label: vocab(REQUEST_STATUSES, v) }))} />
        <Table<ServiceRequest> rowKey="id" size="middle" loading={query.isFetching} dataSource={query.data?.items ?? []} columns={columns}
          pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} data-testid="requests-table" />
      </Card>
      {open && <NewRequest open onClose={() => { setOpen(false); setParams({}); }} {...preset} />}
    </>
  );
}

function RequestDetail() {
  const { id } = useParams();
  const { s, vocab } = useServicesText();
  const user = useUser();
  const query = useServiceRequest(id);
  const move = useSend<{ id: string; to: RequestStatus; version: number; note?: string }>('POST', (b) => `/api/services/requests/${encodeURIComponent(b.id)}/transitions`, withoutId);
  const [pending, setPending] = useState<RequestStatus | null>(null);
  const [note, setNote] = useState('');
  const mine = (orgId: string) => user?.organizationIds.includes(orgId) ?? false;
  return (
    <QueryGate query={query}>
      {(r) => {
        const wide = !!user?.roles.some((role) => role === 'operator' || role === 'admin');
        const moves = can(user, 'services.request.update')
          ? r.nextStatuses.filter((to) => wide || (to === 'cancelled' ? mine(r.requester.id) : mine(r.provider.id)))
          : [];
        return (
          <>
            <PageHeader title={r.title} back="/service-requests" tags={<><RequestStatusTag status={r.status} /><DemoTag isDemo={r.isDemo} /></>}
              extra={moves.map((to) => <Button key={to} onClick={() => { setPending(to); setNote(''); }} data-testid={`request-move-${to}`}>{vocab(REQUEST_STATUSES, to)}</Button>)} />
            <Card>
              <Descriptions column={2} size="small" items={[
                { key: 'req', label: s('requester'), children: r.requester.name },
                { key: 'prov', label: s('provider'), children: <Link to={`/services/agencies/${r.provider.id}`}>{r.provider.name}</Link> },
                { key: 'cat', label: s('category'), children: vocab(SERVICE_CATEGORIES, r.category) },
                { key: 'off', label: s('offering'), children: r.offering?.title ?? '—' },
                { key: 'desc', label: s('description'), children: r.description, span: 2 },
              ]} />
            </Card>
            <Card title={s('steps')} style={{ marginTop: 16 }}>
              <Timeline items={(r.steps ?? []).map((st) => ({ children: <>{formatInstant(st.at)} {st.actorName}：{vocab(REQUEST_STATUSES, st.to)}{st.note ? `——${st.note}` : ''}</> }))} />
            </Card>
            <Modal open={!!pending} title={pending ? vocab(REQUEST_STATUSES, pending) : ''} onCancel={() => setPending(null)} confirmLoading={move.isPending}
              okButtonProps={{ 'data-testid': 'request-move-ok' }}
              onOk={async () => { await move.mutateAsync({ id: r.id, to: pending!, version: r.version, note: note || undefined }); setPending(null); }}>
              {move.error && <Typography.Text type="danger">{move.error.message}</Typography.Text>}
              <Input.TextArea rows={3} placeholder={s('note')} value={note} onChange={(e) => setNote(e.target.value)} />
            </Modal>
          </>
        );
      }}
    </QueryGate>
  );
}

export default function RequestRoutes() {
  return (
    <Routes>
      <Route index element={<RequestList />} />
      <Route path=":id" element={<RequestDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
