/**
 * 我的成果 / 我的需求: the owner's workbench of one listing kind — the list (the operator sees the
 * whole jurisdiction), a listing's page with its workflow moves (submit, withdraw; the operator
 * also publishes or returns), its review history and the inquiries it received, the form.
 */
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Input, Modal, Select, Space, Table, Tag, Timeline, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { LISTING_STATUSES, type ListingKind, type ListingStatus } from '../../../../common/market-vocabulary.js';
import { errorText } from '../../api.js';
import { RequirePermission, useUser } from '../../auth.js';
import { DemoTag } from '../../components/demo-tag.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { formatInstant } from '../../format.js';
import { can } from '../../permissions.js';
import { NotFoundPage } from '../errors.js';
import { MatchesPanel } from './matches-panel.js';
import { ListingFacts, ListingStatusTag, priceText } from './listing-bits.js';
import { ListingForm } from './listing-form.js';
import { type Listing, publicPath, useInquiries, useListing, useListings, useMarketText, useTransition, WORKBENCH } from './model.js';
import { InquiryList } from './inquiries.js';

function ListingList({ kind }: { kind: ListingKind }) {
  const { m, vocab } = useMarketText();
  const user = useUser();
  const navigate = useNavigate();
  const [status, setStatus] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const query = useListings(kind, { status, q: q || undefined, page, pageSize: 20 });
  const columns: ColumnsType<Listing> = [
    {
      title: m('title'),
      dataIndex: 'title',
      render: (title: string, row) => (
        <Space>
          <Link to={`${WORKBENCH[kind]}/${row.id}`}>{title || row.externalId || row.id}</Link>
          <DemoTag isDemo={row.isDemo} />
        </Space>
      ),
    },
    { title: m('status'), dataIndex: 'status', width: 100, render: (s: ListingStatus) => <ListingStatusTag status={s} /> },
    { title: kind === 'achievement' ? m('owner') : m('demander'), width: 220, render: (_: unknown, row) => row.owner?.name || m('noOwner') },
    { title: kind === 'achievement' ? m('priceKind') : m('budget'), width: 200, render: (_: unknown, row) => priceText(row, vocab) },
    { title: m('updatedAt'), dataIndex: 'updatedAt', width: 170, render: (at: string) => formatInstant(at) },
  ];
  return (
    <>
      <PageHeader
        title={kind === 'achievement' ? m('myAchievements') : m('myDemands')}
        extra={
          can(user, 'market.listing.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`${WORKBENCH[kind]}/new`)} data-testid="listing-new">
              {kind === 'achievement' ? m('newAchievement') : m('newDemand')}
            </Button>
          )
        }
      />
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search allowClear placeholder={m('search')} onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 260 }} />
        <Select
          allowClear
          placeholder={m('status')}
          value={status}
          onChange={(v) => { setStatus(v); setPage(1); }}
          options={LISTING_STATUSES.values.map((s) => ({ value: s, label: vocab(LISTING_STATUSES, s) }))}
          style={{ width: 140 }}
        />
      </Space>
      <Table<Listing>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        data-testid="listings-table"
      />
    </>
  );
}

/** The workflow moves the user may make on a listing. */
export function ListingActions({ kind, listing, afterMove }: { kind: ListingKind; listing: Listing; afterMove?: () => void }) {
  const { m } = useMarketText();
  const user = useUser();
  const move = useTransition(kind);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const next = listing.nextStatuses;
  const run = async (to: ListingStatus, extra: { reason?: string } = {}) => {
    try {
      await move.mutateAsync({ id: listing.id, to, version: listing.version, ...extra });
      void message.success(m('saved'));
      afterMove?.();
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  const confirm = (content: string, to: ListingStatus) => Modal.confirm({ content, onOk: () => run(to) });
  return (
    <Space wrap>
      {next.includes('pending') && can(user, 'market.listing.submit') && (
        <Button type="primary" onClick={() => confirm(m('confirmSubmit'), 'pending')} data-testid="listing-submit">{m('submit')}</Button>
      )}
      {next.includes('published') && can(user, 'market.listing.moderate') && (
        <Button type="primary" onClick={() => void run('published')} loading={move.isPending} data-testid="listing-publish">{m('publish')}</Button>
      )}
      {next.includes('returned') && can(user, 'market.listing.moderate') && (
        <Button danger onClick={() => setReturning(true)} data-testid="listing-return">{m('return')}</Button>
      )}
      {next.includes('withdrawn') && can(user, 'market.listing.withdraw') && (
        <Button onClick={() => confirm(m('confirmWithdraw'), 'withdrawn')} data-testid="listing-withdraw">{m('withdraw')}</Button>
      )}
      <Modal
        open={returning}
        title={m('return')}
        onCancel={() => setReturning(false)}
        okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'listing-return-ok' }}
        onOk={async () => {
          await run('returned', { reason: reason.trim() });
          setReturning(false);
          setReason('');
        }}
      >
        <Input.TextArea rows={3} placeholder={m('returnReasonRequired')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="listing-return-reason" />
      </Modal>
    </Space>
  );
}

const EDITABLE: ListingStatus[] = ['draft', 'returned', 'withdrawn', 'expired'];

function ListingDetail({ kind }: { kind: ListingKind }) {
  const { id } = useParams();
  const { m, vocab } = useMarketText();
  const user = useUser();
  const navigate = useNavigate();
  const query = useListing(kind, id);
  const inquiries = useInquiries('received', { listingKind: kind, listingId: id }, can(user, 'market.inquiry.read'));
  return (
    <QueryGate query={query}>
      {(l) => {
        const editable = can(user, 'market.listing.update') && (EDITABLE.includes(l.status) || (l.status === 'published' && can(user, 'market.listing.moderate')));
        return (
          <>
            <PageHeader
              title={l.title || l.externalId || l.id}
              back={WORKBENCH[kind]}
              tags={<><ListingStatusTag status={l.status} /><DemoTag isDemo={l.isDemo} />{l.kind === 'demand' && l.isChallenge && <Tag color="red">{m('challenge')}</Tag>}</>}
              extra={
                <>
                  {editable && <Button onClick={() => navigate(`${WORKBENCH[kind]}/${l.id}/edit`)} data-testid="listing-edit">{m('edit')}</Button>}
                  {l.status === 'published' && <Link to={publicPath(kind, l.id)} data-testid="listing-public-link">{m('viewPublic')}</Link>}
                </>
              }
            />
            {l.status === 'returned' && l.statusReason && (
              <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`${m('statusReason')}：${l.statusReason}`} data-testid="listing-return-reason-shown" />
            )}
            <Card style={{ marginBottom: 16 }}>
              <ListingActions kind={kind} listing={l} />
            </Card>
            <Card style={{ marginBottom: 16 }}>
              <ListingFacts listing={l} publicPage={false} />
            </Card>
            <Card title={m('steps')} style={{ marginBottom: 16 }}>
              <Timeline
                items={l.steps.map((s) => ({
                  children: (
                    <>
                      <Typography.Text strong>{vocab(LISTING_STATUSES, s.to)}</Typography.Text> {formatInstant(s.at)} {s.actorName}
                      {s.reason && <div className="tt-muted">{s.reason}</div>}
                    </>
                  ),
                }))}
              />
            </Card>
            {l.status === 'published' && can(user, 'market.match.read') && <MatchesPanel kind={kind} id={l.id} />}
            {can(user, 'market.inquiry.read') && (
              <Card title={`${m('inquiries')}（${inquiries.data?.total ?? 0}）`}>
                <InquiryList items={inquiries.data?.items ?? []} box="received" />
              </Card>
            )}
          </>
        );
      }}
    </QueryGate>
  );
}

function ListingEdit({ kind }: { kind: ListingKind }) {
  const { id } = useParams();
  const query = useListing(kind, id);
  return <QueryGate query={query}>{(l) => <ListingForm kind={kind} listing={l} />}</QueryGate>;
}

/** /my-achievements or /my-demands: list, new, :id, :id/edit. */
export function Workbench({ kind }: { kind: ListingKind }) {
  return (
    <Routes>
      <Route index element={<ListingList kind={kind} />} />
      <Route path="new" element={<RequirePermission permission="market.listing.create"><ListingForm kind={kind} /></RequirePermission>} />
      <Route path=":id" element={<ListingDetail kind={kind} />} />
      <Route path=":id/edit" element={<RequirePermission permission="market.listing.update"><ListingEdit kind={kind} /></RequirePermission>} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

