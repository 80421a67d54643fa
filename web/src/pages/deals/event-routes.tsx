/**
 * 对接活动 (/events): 对接会 and 路演 — the list (the operator creates events), an event's page with
 * the listings it features, registration (self, or the operator for others), attendance, and the
 * deals that came from it.
 */
import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, List, Segmented, Select, Space, Table, Tag, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { errorText } from '../../api.js';
import { EVENT_KINDS } from '../../../../common/deal-vocabulary.js';
import { LISTING_KINDS } from '../../../../common/market-vocabulary.js';
import { useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { OrganizationSelect } from '../../components/pickers.js';
import { VocabSelect } from '../../components/vocab-select.js';
import { dateItem, EMPTY, formatInstant } from '../../format.js';
import { can } from '../../permissions.js';
import { NotFoundPage } from '../errors.js';
import { StageTag } from './deal-bits.js';
import { EditFeaturedButton } from './featured-listings.js';
import { type Deal, type EventDetail, type EventRegistration, type MarketEvent, useCreateEvent, useDealText, useEvent, useEvents, useMarkAttendance, useMyOrganizations, useRegister } from './model.js';

interface EventForm {
  title: string;
  kind: 'matchmaking' | 'roadshow';
  heldOn: string;
  place: string;
  organizerName: string;
  description?: string;
}

function NewEventButton() {
  const { d } = useDealText();
  const create = useCreateEvent();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="event-new">{d('newEvent')}</Button>
      <FormModal<EventForm> open={open} title={d('newEvent')} onClose={() => setOpen(false)} onSubmit={(values) => create.mutateAsync(values)} initialValues={{ kind: 'matchmaking' }}>
        {() => (
          <>
            <Form.Item name="title" label={d('title')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
            <Form.Item name="kind" label={d('kind')} rules={[{ required: true }]}><VocabSelect vocabulary={EVENT_KINDS} /></Form.Item>
            <Form.Item name="heldOn" label={d('heldOn')} rules={[{ required: true }]} {...dateItem}><DatePicker /></Form.Item>
            <Form.Item name="place" label={d('place')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
            <Form.Item name="organizerName" label={d('organizer')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
            <Form.Item name="description" label={d('description')}><Input.TextArea rows={3} /></Form.Item>
          </>
        )}
      </FormModal>
    </>
  );
}

function EventList() {
  const { d, vocab } = useDealText();
  const user = useUser();
  const [when, setWhen] = useState<string>('all');
  const [page, setPage] = useState(1);
  const query = useEvents({ when: when === 'all' ? undefined : when, page, pageSize: 20 });
  const columns: ColumnsType<MarketEvent> = [
    {
      title: d('title'),
      dataIndex: 'title',
      render: (title: string, row) => (
        <Space><Link to={`/events/${row.id}`} data-testid="event-link">{title}</Link><DemoTag isDemo={row.isDemo} /></Space>
      ),
    },
    { title: d('kind'), dataIndex: 'kind', width: 90, render: (k: string) => <Tag>{vocab(EVENT_KINDS, k)}</Tag> },
    { title: d('heldOn'), dataIndex: 'heldOn', width: 110 },
    { title: d('place'), dataIndex: 'place', width: 220 },
    { title: d('organizer'), width: 200, render: (_: unknown, row) => row.organizer.name },
    { title: d('registrations'), width: 140, render: (_: unknown, row) => `${row.registrationCount}（${d('attendedCount', { n: row.attendedCount })}）` },
  ];
  return (
    <>
      <PageHeader title={d('events')} extra={can(user, 'events.event.write') && <NewEventButton />} />
      <Card>
        <Segmented
          style={{ marginBottom: 12 }}
          value={when}
          onChange={(v) => { setWhen(String(v)); setPage(1); }}
          options={[{ value: 'all', label: d('all') }, { value: 'upcoming', label: d('upcoming') }, { value: 'past', label: d('past') }]}
        />
        <Table<MarketEvent>
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          columns={columns}
          scroll={{ x: 1100 }}
          pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          data-testid="events-table"
        />
      </Card>
    </>
  );
}

function RegisterControls({ event }: { event: EventDetail }) {
  const { d } = useDealText();
  const user = useUser();
  const register = useRegister();
  const operator = can(user, 'events.attendance.mark');
  const mine = useMyOrganizations(!operator && user.organizationIds.length > 1);
  const [org, setOrg] = useState<string | undefined>(operator ? undefined : user.organizationIds[0]);
  if (!can(user, 'events.registration.create')) return null;
  if (!operator && event.registrations.some((r) => r.userId === user.id)) return <Tag color="success" data-testid="event-registered">{d('registered')}</Tag>;
  return (
    <Space>
      {operator ? (
        <OrganizationSelect value={org} onChange={setOrg} placeholder={d('pickOrganization')} style={{ width: 260 }} />
      ) : (
        user.organizationIds.length > 1 && (
          <Select value={org} onChange={setOrg} style={{ width: 240 }} options={(mine.data?.items ?? []).filter((o) => user.organizationIds.includes(o.id)).map((o) => ({ value: o.id, label: o.name }))} />
        )
      )}
      <Button
        type="primary"
        loading={register.isPending}
        disabled={operator && !org}
        data-testid="event-register"
        onClick={async () => {
          try {
            await register.mutateAsync({ id: event.id, organizationId: org });
            message.success(d('registered'));
            if (operator) setOrg(undefined);
          } catch (e) {
            message.error(errorText(e));
          }
        }}
      >
        {operator ? d('registerOther') : d('register')}
      </Button>
    </Space>
  );
}

function Registrations({ event }: { event: EventDetail }) {
  const { d } = useDealText();
  const user = useUser();
  const mark = useMarkAttendance();
  const canMark = can(user, 'events.attendance.mark');
  const columns: ColumnsType<EventRegistration> = [
    { title: d('registrations'), render: (_: unknown, r) => (r.organization && r.organization.name !== r.name ? `${r.name}（${r.organization.name}）` : r.name) },
    { title: d('registeredBy'), dataIndex: 'registeredByName', width: 180 },
    { title: d('registeredAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatInstant(at) },
    {
      title: d('attended'),
      width: 110,
      render: (_: unknown, r) =>
        canMark ? (
          <Checkbox
            checked={r.attended}
            data-testid={`attendance-${r.id}`}
            onChange={async (e) => {
              try {
                await mark.mutateAsync({ id: event.id, registrationId: r.id, version: r.version, attended: e.target.checked });
              } catch (err) {
                message.error(errorText(err));
              }
            }}
          />
        ) : r.attended ? <Tag color="success">{d('attended')}</Tag> : EMPTY,
    },
  ];
  return (
    <Card
      size="small"
      title={`${d('registrations')}（${event.registrationCount}，${d('attendedCount', { n: event.attendedCount })}）`}
      extra={<RegisterControls event={event} />}
    >
      <Table<EventRegistration> rowKey="id" size="small" pagination={false} dataSource={event.registrations} columns={columns} data-testid="event-registrations" />
    </Card>
  );
}

function EventPage() {
  const { id } = useParams();
  const user = useUser();
  const query = useEvent(id);
  const { d, vocab } = useDealText();
  const dealColumns: ColumnsType<Deal> = [
    { title: d('title'), dataIndex: 'title', render: (title: string, row) => <Link to={`/deals/${row.id}`}>{title}</Link> },
    { title: d('stage'), width: 90, render: (_: unknown, row) => <StageTag stage={row.stage} /> },
    { title: d('broker'), width: 160, render: (_: unknown, row) => row.broker.personName ?? row.broker.userName ?? EMPTY },
  ];
  return (
    <QueryGate query={query}>
      {(event) => (
        <>
          <PageHeader title={event.title} back="/events" tags={<><Tag>{vocab(EVENT_KINDS, event.kind)}</Tag><DemoTag isDemo={event.isDemo} /></>} />
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small">
              <Descriptions size="small" column={2}>
                <Descriptions.Item label={d('heldOn')}>{event.heldOn}</Descriptions.Item>
                <Descriptions.Item label={d('place')}>{event.place}</Descriptions.Item>
                <Descriptions.Item label={d('organizer')}>{event.organizer.name}</Descriptions.Item>
                <Descriptions.Item label={d('description')} span={2}>{event.description || EMPTY}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title={d('featured')} extra={can(user, 'events.event.write') && <EditFeaturedButton event={event} />}>
              <List
                dataSource={event.listings}
                data-testid="event-featured"
                locale={{ emptyText: d('none') }}
                renderItem={(l) => (
                  <List.Item>
                    <Space><Tag>{vocab(LISTING_KINDS, l.kind)}</Tag><Link to={`/market/${l.kind === 'achievement' ? 'achievements' : 'demands'}/${l.id}`}>{l.title}</Link></Space>
                  </List.Item>
                )}
              />
            </Card>
            <Registrations event={event} />
            <Card size="small" title={d('eventDeals')}>
              <Table<Deal> rowKey="id" size="small" pagination={false} dataSource={event.deals} columns={dealColumns} data-testid="event-deals" />
            </Card>
          </Space>
        </>
      )}
    </QueryGate>
  );
}

export default function EventRoutes() {
  return (
    <Routes>
      <Route index element={<EventList />} />
      <Route path=":id" element={<EventPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
