/** 服务项目 (/service-offerings): an agency publishes, edits and withdraws what it offers (the operator sees the jurisdiction's). */
import { useState } from 'react';
import { Button, Card, Form, Input, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined } from '@ant-design/icons';
import { OFFERING_STATUSES, SERVICE_CATEGORIES } from '../../../../common/services-vocabulary.js';
import { useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { FormModal, patchOf } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { can } from '../../permissions.js';
import { type Offering, useOfferings, useSend, useServicesText, withoutId } from './model.js';

/** What an edit may change (the agency is fixed: another agency's offering is another offering). */
const EDITABLE = ['category', 'title', 'description', 'priceTerms', 'contactName', 'contactPhone'] as const;

function OfferingFields({ editing }: { editing?: Offering }) {
  const { s } = useServicesText();
  return (<>
    {editing
      ? <Form.Item label={s('agency')}>{editing.organization.name}</Form.Item>
      : <Form.Item name="organizationId" label={s('agency')} rules={[{ required: true }]}><OrganizationSelect /></Form.Item>}
    <Form.Item name="category" label={s('category')} rules={[{ required: true }]}><VocabSelect vocabulary={SERVICE_CATEGORIES} /></Form.Item>
    <Form.Item name="title" label={s('title')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
    <Form.Item name="description" label={s('description')} rules={[{ required: true, min: 10 }]}><Input.TextArea rows={4} /></Form.Item>
    <Form.Item name="priceTerms" label={s('priceTerms')} rules={[{ required: true }]}><Input /></Form.Item>
    <Space wrap>
      <Form.Item name="contactName" label={s('contact')}><Input /></Form.Item>
      <Form.Item name="contactPhone" label={s('contactPhone')}><Input /></Form.Item>
    </Space>
  </>);
}

export default function OfferingsPage() {
  const { s, vocab } = useServicesText();
  const user = useUser();
  const writer = can(user, 'services.offering.write');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<Offering | null>(null);
  const query = useOfferings({ page, pageSize: 20 });
  const create = useSend<Record<string, unknown>>('POST', () => '/api/services/offerings');
  const patch = useSend<{ id: string; version: number } & Record<string, unknown>>('PATCH', (b) => `/api/services/offerings/${encodeURIComponent(b.id)}`, withoutId);
  const columns: ColumnsType<Offering> = [
    { title: s('title'), render: (_: unknown, o) => <Space>{o.title}<DemoTag isDemo={o.isDemo} /></Space> },
    { title: s('category'), width: 130, render: (_: unknown, o) => vocab(SERVICE_CATEGORIES, o.category) },
    { title: s('agency'), width: 240, render: (_: unknown, o) => o.organization.name },
    { title: s('priceTerms'), width: 240, dataIndex: 'priceTerms' },
    { title: s('status'), width: 90, render: (_: unknown, o) => vocab(OFFERING_STATUSES, o.status) },
    ...(writer ? [{
      title: '', width: 190,
      render: (_: unknown, o: Offering) => (
        <Space>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(o)} data-testid="offering-edit">{s('edit')}</Button>
          <Button size="small" loading={patch.isPending} onClick={() => patch.mutate({ id: o.id, version: o.version, status: o.status === 'active' ? 'withdrawn' : 'active' })}>
            {o.status === 'active' ? s('withdraw') : s('reactivate')}
          </Button>
        </Space>
      ),
    }] : []),
  ];
  const initial = editing && {
    category: editing.category, title: editing.title, description: editing.description, priceTerms: editing.priceTerms,
    contactName: editing.contactName ?? undefined, contactPhone: editing.contactPhone ?? undefined,
  };
  return (
    <>
      <PageHeader title={s('offerings')} extra={writer && <Button type="primary" onClick={() => setOpen(true)} data-testid="offering-new">{s('newOffering')}</Button>} />
      <Card>
        <Table<Offering> rowKey="id" size="middle" loading={query.isFetching} dataSource={query.data?.items ?? []} columns={columns}
          pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} data-testid="offerings-table" />
      </Card>
      {open && (
        <FormModal<Record<string, string>> open title={s('newOffering')} onClose={() => setOpen(false)} onSubmit={(v) => create.mutateAsync(v)} testId="offering-new">
          {() => <OfferingFields />}
        </FormModal>
      )}
      {editing && initial && (
        <FormModal<Record<string, unknown>> open title={s('editOffering')} onClose={() => setEditing(null)} initialValues={initial} testId="offering-edit"
          onSubmit={async (v) => {
            const body = patchOf(editing, initial, v, EDITABLE);
            if (body) await patch.mutateAsync({ id: editing.id, ...body, version: editing.version });
          }}>
          {() => <OfferingFields editing={editing} />}
        </FormModal>
      )}
    </>
  );
}
