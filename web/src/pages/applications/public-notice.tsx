/** The public 公示 page (no login): beneficiaries, rules, amounts in yuan and 大写; objections with a contact. */
import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Layout, List, Result, Select, Spin, Table, Tag, Typography } from 'antd';
import { isApiError } from '../../api.js';
import { downloads, usePublicNotice, usePublicNotices, usePublicObjection, useAppText, yuan } from './model.js';

function PublicNoticePage() {
  const { id = '' } = useParams();
  const { m } = useAppText();
  const query = usePublicNotice(id);
  const object = usePublicObjection();
  const [sent, setSent] = useState(false);
  const [form] = Form.useForm();
  if (query.isPending) return <Spin />;
  if (query.isError || !query.data) return <Result status="404" title={isApiError(query.error) ? query.error.message : m('none')} />;
  const n = query.data;
  const send = async () => {
    try {
      await object.mutateAsync({ id, body: form.getFieldsValue() as Record<string, unknown> });
      setSent(true);
    } catch (e) {
      form.setFields(isApiError(e) && e.field ? [{ name: e.field, errors: [e.message] }] : []);
    }
  };
  return (
    <Card data-testid="public-notice">
      <Typography.Title level={3} style={{ textAlign: 'center' }}>{n.title}</Typography.Title>
      {n.isDemo && <Tag color="orange">演示数据</Tag>}
      <Typography.Paragraph>{`根据《${n.policyTitle}》，经单位申报、初审、复核，按政策规定和预算核定，现将${n.year}年度拟奖补名单予以公示。`}</Typography.Paragraph>
      <Typography.Paragraph strong>{m('period', { start: n.startsOn, end: n.endsOn, days: n.workingDays })}</Typography.Paragraph>
      <Table
        rowKey="applicationId"
        pagination={false}
        data-testid="public-notice-table"
        dataSource={n.rows}
        columns={[
          { title: '序号', render: (_, __, i) => i + 1 },
          { title: m('beneficiary'), dataIndex: 'beneficiaryName' },
          { title: m('creditCode'), dataIndex: 'creditCode' },
          { title: m('rules'), render: (_, r) => r.rules.map((x) => <div key={x.rule}>{x.title}：{yuan(x.amountYuan)}</div>) },
          { title: m('award'), render: (_, r) => yuan(r.amountYuan) },
          { title: m('words'), dataIndex: 'amountInWords' },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={4}>{m('total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1}>{yuan(n.totalYuan)}</Table.Summary.Cell>
            <Table.Summary.Cell index={2}>{n.totalInWords}</Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <div style={{ margin: '12px 0' }}>
        <Button href={downloads.publicList(n.id, 'pdf')}>{m('publicList')} PDF</Button> <Button href={downloads.publicList(n.id, 'xlsx')}>{m('publicList')} XLSX</Button>
      </div>
      <Typography.Paragraph>{`公示期间，对名单有异议的，请实名提出：${n.contact}。`}</Typography.Paragraph>
      <Typography.Paragraph style={{ textAlign: 'right' }}>{n.issuer}</Typography.Paragraph>
      {n.objectionsOpen && (
        <Card size="small" title={m('sendObjection')}>
          {sent ? <Alert type="success" message={m('objectionThanks')} /> : (
            <Form form={form} layout="vertical">
              <Form.Item name="applicationId" label={m('beneficiary')}><Select options={n.rows.map((r) => ({ value: r.applicationId, label: r.beneficiaryName }))} /></Form.Item>
              <Form.Item name="name" label={m('objectionName')}><Input /></Form.Item>
              <Form.Item name="contact" label={m('objectionContact')}><Input /></Form.Item>
              <Form.Item name="content" label={m('objectionContent')}><Input.TextArea rows={3} /></Form.Item>
              <Button type="primary" onClick={() => void send()} loading={object.isPending}>{m('sendObjection')}</Button>
            </Form>
          )}
        </Card>
      )}
    </Card>
  );
}

function PublicNoticeList() {
  const { m } = useAppText();
  const list = usePublicNotices();
  return (
    <Card title={m('publicNotice')}>
      <List loading={list.isPending} dataSource={list.data ?? []} renderItem={(n) => (
        <List.Item><Link to={`/public/notices/${n.id}`}>{n.title}</Link>（{n.startsOn} ～ {n.endsOn}）</List.Item>
      )} />
    </Card>
  );
}

export default function PublicNoticeRoutes() {
  return (
    <Layout style={{ padding: '12px 16px', background: 'transparent' }}>
      <Layout.Content style={{ maxWidth: 1100, margin: '0 auto', width: '100%' }}>
        <Routes>
          <Route index element={<PublicNoticeList />} />
          <Route path=":id" element={<PublicNoticePage />} />
        </Routes>
      </Layout.Content>
    </Layout>
  );
}
