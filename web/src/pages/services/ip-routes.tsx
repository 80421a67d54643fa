/** 知识产权运营 (/ip-records, plan (十六)): licences and IP-as-equity records, linked to achievements and contracts; list, detail, registration and edit. */
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, DatePicker, Descriptions, Drawer, Form, type FormInstance, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined } from '@ant-design/icons';
import { IP_RECORD_KINDS } from '../../../../common/services-vocabulary.js';
import { IP_KINDS, LICENSE_SCOPES } from '../../../../common/vocabulary.js';
import { useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { FormModal, patchOf } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { dateItem, formatFen } from '../../format.js';
import { can } from '../../permissions.js';
import { YuanInput, useYuanRule } from '../contracts/contract-bits.js';
import { type IpRecord, formatBp, useIpRecords, useSend, useServicesText, withoutId } from './model.js';

/** What an edit may change (kind, IP kind and the two parties are fixed: a different deal is a new record). */
const EDITABLE = ['ipNumber', 'ipTitle', 'licenseScope', 'startsOn', 'endsOn', 'amountFen', 'equityShareBp', 'achievementId', 'contractId', 'note'] as const;

function IpRecordFields({ form, editing }: { form: FormInstance<Record<string, unknown>>; editing?: IpRecord }) {
  const { s, vocab } = useServicesText();
  const yuanRule = useYuanRule();
  return (<>
    {editing ? (<>
      <Form.Item label={s('recordKind')}>{vocab(IP_RECORD_KINDS, editing.kind)} · {vocab(IP_KINDS, editing.ipKind)}</Form.Item>
      <Form.Item name="ipNumber" label={s('ipNumber')}><Input /></Form.Item>
    </>) : (<>
      <Form.Item name="kind" label={s('recordKind')} rules={[{ required: true }]}><VocabSelect vocabulary={IP_RECORD_KINDS} allowClear={false} /></Form.Item>
      <Space wrap>
        <Form.Item name="ipKind" label={s('ipKind')} rules={[{ required: true }]}><VocabSelect vocabulary={IP_KINDS} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="ipNumber" label={s('ipNumber')}><Input /></Form.Item>
      </Space>
    </>)}
    <Form.Item name="ipTitle" label={s('ipTitle')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
    {editing ? (<>
      <Form.Item label={s('from')}>{editing.from.name}</Form.Item>
      <Form.Item label={s('to')}>{editing.to.name}</Form.Item>
    </>) : (<>
      <Form.Item name="fromOrganizationId" label={s('from')} rules={[{ required: true }]}><OrganizationSelect /></Form.Item>
      <Form.Item name="toOrganizationId" label={s('to')} rules={[{ required: true }]}><OrganizationSelect /></Form.Item>
    </>)}
    <Space wrap>
      <Form.Item name="startsOn" label={s('startsOn')} rules={[{ required: true }]} {...dateItem}><DatePicker /></Form.Item>
      <Form.Item name="endsOn" label={s('endsOn')} {...dateItem}><DatePicker /></Form.Item>
      <Form.Item name="amountFen" label={s('value')} rules={[{ required: true }, yuanRule]}><YuanInput /></Form.Item>
    </Space>
    <Form.Item noStyle shouldUpdate>
      {() => (editing?.kind ?? form.getFieldValue('kind')) === 'license'
        ? <Form.Item name="licenseScope" label={s('licenseScope')} rules={[{ required: true }]}><VocabSelect vocabulary={LICENSE_SCOPES} /></Form.Item>
        : <Form.Item name="equityShareBp" label={s('share')} rules={[{ required: true }]}><InputNumber precision={0} min={1} max={10000} /></Form.Item>}
    </Form.Item>
    <Form.Item name="achievementId" label={s('achievementId')}><Input /></Form.Item>
    <Form.Item name="contractId" label={s('contractId')}><Input /></Form.Item>
    <Form.Item name="note" label={s('note')}><Input.TextArea rows={2} /></Form.Item>
  </>);
}

function EditIpRecord({ record, onClose }: { record: IpRecord; onClose: () => void }) {
  const { s } = useServicesText();
  const patch = useSend<{ id: string; version: number } & Record<string, unknown>>('PATCH', (b) => `/api/ip/records/${encodeURIComponent(b.id)}`, withoutId);
  const initial = {
    ipNumber: record.ipNumber ?? undefined, ipTitle: record.ipTitle, licenseScope: record.licenseScope ?? undefined, startsOn: record.startsOn, endsOn: record.endsOn ?? undefined,
    amountFen: record.amountFen, equityShareBp: record.equityShareBp ?? undefined, achievementId: record.achievement?.id, contractId: record.contract?.id, note: record.note ?? undefined,
  };
  return (
    <FormModal<Record<string, unknown>> open title={s('editRecord')} onClose={onClose} initialValues={initial} testId="ip-edit"
      onSubmit={async (v) => {
        const body = patchOf(record, initial, v, EDITABLE);
        if (body) await patch.mutateAsync({ id: record.id, ...body, version: record.version });
      }}>
      {(form) => <IpRecordFields form={form} editing={record} />}
    </FormModal>
  );
}

export default function IpRecordsPage() {
  const { s, vocab } = useServicesText();
  const user = useUser();
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<IpRecord | null>(null);
  const [editing, setEditing] = useState<IpRecord | null>(null);
  const query = useIpRecords({ kind, q: q || undefined, page, pageSize: 20 });
  const create = useSend<Record<string, unknown>>('POST', () => '/api/ip/records');
  const columns: ColumnsType<IpRecord> = [
    { title: s('ipTitle'), render: (_: unknown, r) => <Space><a onClick={() => setShown(r)} data-testid="ip-link">{r.ipTitle}</a><DemoTag isDemo={r.isDemo} /></Space> },
    { title: s('recordKind'), width: 150, render: (_: unknown, r) => <Tag color={r.kind === 'license' ? 'blue' : 'purple'}>{vocab(IP_RECORD_KINDS, r.kind)}</Tag> },
    { title: s('ipNumber'), width: 170, render: (_: unknown, r) => r.ipNumber ?? '—' },
    { title: s('from'), width: 220, render: (_: unknown, r) => r.from.name },
    { title: s('to'), width: 220, render: (_: unknown, r) => r.to.name },
    { title: s('value'), width: 140, align: 'right', render: (_: unknown, r) => formatFen(r.amountFen) },
    { title: s('share'), width: 100, render: (_: unknown, r) => (r.equityShareBp === null ? '—' : formatBp(r.equityShareBp)) },
    { title: s('startsOn'), width: 110, dataIndex: 'startsOn' },
  ];
  return (
    <>
      <PageHeader title={s('ip')} extra={can(user, 'ip.record.write') && <Button type="primary" onClick={() => setOpen(true)} data-testid="ip-new">{s('newRecord')}</Button>} />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={s('ipTitle')} onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 240 }} />
          <Select allowClear placeholder={s('recordKind')} value={kind} style={{ width: 180 }} onChange={(v) => { setKind(v); setPage(1); }}
            options={IP_RECORD_KINDS.values.map((k) => ({ value: k, label: vocab(IP_RECORD_KINDS, k) }))} />
        </Space>
        <Table<IpRecord> rowKey="id" size="middle" loading={query.isFetching} dataSource={query.data?.items ?? []} columns={columns} scroll={{ x: 1400 }}
          pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} data-testid="ip-table" />
      </Card>
      <Drawer open={!!shown} onClose={() => setShown(null)} title={shown?.ipTitle} width={560}
        extra={shown && can(user, 'ip.record.write') && (
          // The drawer shows the record as listed; the edit closes it, so the list's fresh copy is what opens next.
          <Button icon={<EditOutlined />} onClick={() => { setEditing(shown); setShown(null); }} data-testid="ip-edit">{s('edit')}</Button>
        )}>
        {shown && (
          <Descriptions column={1} size="small" items={[
            { key: 'kind', label: s('recordKind'), children: vocab(IP_RECORD_KINDS, shown.kind) },
            { key: 'ipKind', label: s('ipKind'), children: vocab(IP_KINDS, shown.ipKind) },
            { key: 'num', label: s('ipNumber'), children: shown.ipNumber ?? '—' },
            { key: 'from', label: s('from'), children: shown.from.name },
            { key: 'to', label: s('to'), children: shown.to.name },
            { key: 'scope', label: s('licenseScope'), children: shown.licenseScope ? vocab(LICENSE_SCOPES, shown.licenseScope) : '—' },
            { key: 'term', label: `${s('startsOn')} – ${s('endsOn')}`, children: `${shown.startsOn} – ${shown.endsOn ?? '—'}` },
            { key: 'amount', label: s('value'), children: formatFen(shown.amountFen) },
            { key: 'share', label: s('share'), children: shown.equityShareBp === null ? '—' : formatBp(shown.equityShareBp) },
            { key: 'ach', label: s('achievement'), children: shown.achievement ? <Link to={`/market/achievements/${shown.achievement.id}`}>{shown.achievement.title}</Link> : '—' },
            { key: 'contract', label: s('contract'), children: shown.contract ? <Link to={`/contracts/${shown.contract.id}`}>{shown.contract.name}</Link> : '—' },
            { key: 'note', label: s('note'), children: shown.note ?? '—' },
          ]} />
        )}
      </Drawer>
      {open && (
        <FormModal<Record<string, unknown>> open title={s('newRecord')} onClose={() => setOpen(false)} onSubmit={(v) => create.mutateAsync(v)} testId="ip-new" initialValues={{ kind: 'license', ipKind: 'patent' }}>
          {(form) => <IpRecordFields form={form} />}
        </FormModal>
      )}
      {editing && <EditIpRecord record={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
