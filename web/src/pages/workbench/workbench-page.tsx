/**
 * /workbench (工作台): where every role lands — its 待办 with counts that open the filtered lists,
 * for an enterprise, institution or broker the awards it may be owed under each open notice (in
 * words, with what stands between it and more, and one click to apply), the latest
 * notifications and shortcuts.
 */
import { Alert, App, Badge, Button, Card, Col, Collapse, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { NOTIFICATION_KINDS } from '../../../../common/notification-kinds.js';
import { errorTextWithField } from '../../api.js';
import { PageHeader, QueryGate } from '../../components/page.js';
import { formatInstant } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { type Prospect, type WorkbenchItem, useApplyFromProspect, useProspects, useWorkbench, useWorkbenchText } from './model.js';

function TodoCard({ item }: { item: WorkbenchItem }) {
  const pending = item.tone === 'todo' && item.count > 0;
  return (
    <Link to={item.link} data-testid={`todo-${item.key}`}>
      <Card size="small" hoverable style={{ borderColor: pending ? '#faad14' : undefined }}>
        <Statistic title={item.label} value={item.count} valueStyle={{ color: pending ? '#d46b08' : '#8c8c8c' }} />
      </Card>
    </Link>
  );
}

function ProspectCard({ p }: { p: Prospect }) {
  const { m } = useWorkbenchText();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const apply = useApplyFromProspect();
  const counted = p.contracts.filter((c) => c.counted);
  const onApply = () =>
    modal.confirm({
      title: `${m('apply')}：${p.noticeTitle}`,
      content: <span data-testid="apply-confirm-text">{m('applyConfirm', { n: counted.length })}</span>,
      okButtonProps: { 'data-testid': 'apply-confirm-ok' } as never,
      onOk: async () => {
        try {
          const created = await apply.mutateAsync({ noticeId: p.noticeId, organizationId: p.organizationId, ...(p.personId ? { personId: p.personId } : {}) });
          navigate(`/applications/${created.id}`);
        } catch (e) {
          modal.error({ title: m('apply'), content: errorTextWithField(e) });
        }
      },
    });
  return (
    <Card
      size="small"
      data-testid="prospect"
      title={<Space wrap><span>{p.noticeTitle}</span><Tag>{p.beneficiaryName}</Tag></Space>}
      extra={<Typography.Text type="secondary">{m('closesOn')} {p.closesOn} · {m('baseYear')} {p.baseYear}</Typography.Text>}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Statistic title={m('mayGet')} value={p.amountText} valueStyle={{ color: p.amountYuan > 0 ? '#389e0d' : '#8c8c8c' }} data-testid="prospect-amount" />
        {p.awards.map((a) => (
          <div key={a.ruleTitle}>
            <Typography.Text strong>{a.ruleTitle}</Typography.Text>
            <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="prospect-sentence">{a.sentence}</Typography.Paragraph>
            <Collapse size="small" items={[{ key: 'why', label: m('why'), children: <ol style={{ margin: 0, paddingLeft: 20 }}>{a.lines.map((l, i) => <li key={i} style={{ whiteSpace: 'pre-wrap' }}>{l}</li>)}</ol> }]} />
          </div>
        ))}
        {counted.length > 0 && (
          <Typography.Text type="secondary">{m('countedContracts')}：{counted.map((c) => `${c.name}${c.registrationNumber ? `（${c.registrationNumber}）` : ''}`).join('、')}</Typography.Text>
        )}
        {p.obstacles.length > 0 && (
          <Alert type="warning" showIcon message={m('obstacles')} description={<ul style={{ margin: 0, paddingLeft: 20 }} data-testid="prospect-obstacles">{p.obstacles.map((o) => <li key={o}>{o}</li>)}</ul>} />
        )}
        {p.application ? (
          <Space>
            <Typography.Text data-testid="prospect-applied">{m('applied', { number: p.application.number, status: p.application.statusLabel })}</Typography.Text>
            <Link to={`/applications/${p.application.id}`}>{m('openApplication')}</Link>
          </Space>
        ) : counted.length > 0 ? (
          <Button type="primary" onClick={onApply} loading={apply.isPending} data-testid="prospect-apply">{m('apply')}</Button>
        ) : (
          <Typography.Text type="secondary">{m('nothingToApply')}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}

function Prospects() {
  const { m } = useWorkbenchText();
  const prospects = useProspects(true);
  return (
    <Card title={m('prospects')} style={{ marginTop: 16 }} data-testid="prospects">
      <Typography.Paragraph type="secondary">{m('prospectsHint')}</Typography.Paragraph>
      <QueryGate query={prospects}>
        {(page) =>
          page.items.length ? (
            <Space direction="vertical" style={{ width: '100%' }}>{page.items.map((p) => <ProspectCard key={`${p.noticeId}|${p.organizationId}|${p.personId ?? ''}`} p={p} />)}</Space>
          ) : (
            <Empty description={m('noProspects')} />
          )
        }
      </QueryGate>
    </Card>
  );
}

function WorkbenchPage() {
  const { m } = useWorkbenchText();
  const { vocab } = useI18n();
  const workbench = useWorkbench();
  return (
    <QueryGate query={workbench}>
      {(wb) => (
        <>
          <PageHeader title={m('title')} tags={<>{wb.roleLabels.map((r) => <Tag key={r} color="blue">{r}</Tag>)}</>} />
          <Card title={m('todo')} data-testid="todo">
            {wb.items.length ? (
              <Row gutter={[12, 12]}>
                {wb.items.map((item) => (
                  <Col key={item.key} xs={24} sm={12} md={8} xl={6}>
                    <TodoCard item={item} />
                  </Col>
                ))}
              </Row>
            ) : (
              <Empty description={m('noTodo')} />
            )}
          </Card>
          {wb.prospects && <Prospects />}
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col xs={24} lg={16}>
              <Card title={<Badge count={wb.unread} offset={[12, 0]}>{m('notifications')}</Badge>} extra={<Link to="/notifications">{m('allNotifications')}</Link>} data-testid="latest-notifications">
                <List
                  size="small"
                  dataSource={wb.notifications}
                  locale={{ emptyText: m('noNotifications') }}
                  renderItem={(n) => (
                    <List.Item data-testid="workbench-notification">
                      <List.Item.Meta
                        title={<Space wrap>{!n.read && <Badge status="processing" />}{n.link ? <Link to={n.link}>{n.title}</Link> : n.title}<Tag>{vocab(NOTIFICATION_KINDS, n.kind)}</Tag></Space>}
                        description={<><div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div><Typography.Text type="secondary">{formatInstant(n.createdAt)}</Typography.Text></>}
                      />
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={m('shortcuts')} data-testid="shortcuts">
                <Space wrap>{wb.shortcuts.map((s) => <Link key={s.link} to={s.link}><Button>{s.label}</Button></Link>)}</Space>
              </Card>
            </Col>
          </Row>
        </>
      )}
    </QueryGate>
  );
}

export default function WorkbenchRoutes() {
  return (
    <Routes>
      <Route index element={<WorkbenchPage />} />
    </Routes>
  );
}
