/**
 * The portal's 成果定价公示 (no login): the list, one 公示 — the contract, the institution, the method,
 * the price in 元, the valuation report, who decided and when, the period and its outcome, the answered
 * objections — and, while it runs, the objection form (a name and a contact).
 */
import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, List, Result, Skeleton, Tag, Typography } from 'antd';
import { isApiError } from '../../api.js';
import { formatFen, formatInstant } from '../../format.js';
import { DownloadOutlined } from '@ant-design/icons';
import { PUBLIC_PRICING_EXPORT_URL, usePublicPricing, usePublicPricingList, usePublicPricingObjection, usePricingText, valuationReportUrl } from './model.js';

function PricingList() {
  const { m } = usePricingText();
  const list = usePublicPricingList();
  return (
    <div className="tt-portal-inner">
      <Card title={m('listTitle')} data-testid="pricing-public-list" extra={<Button href={PUBLIC_PRICING_EXPORT_URL} icon={<DownloadOutlined />} data-testid="pricing-export">{m('exportList')}</Button>}>
        <Typography.Paragraph type="secondary">{m('listIntro')}</Typography.Paragraph>
        {list.isPending ? <Skeleton active /> : (
          <List
            dataSource={list.data ?? []}
            locale={{ emptyText: m('empty') }}
            renderItem={(p) => (
              <List.Item extra={<Tag>{p.stageLabel}</Tag>}>
                <List.Item.Meta
                  title={<Link to={`/public/pricing/${encodeURIComponent(p.id)}`}>{`${p.institutionName}：${p.contractName}`}</Link>}
                  description={`${p.methodLabel}　${formatFen(p.priceFen)} 元　${p.startsOn} 至 ${p.endsOn}`}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}

function PricingPage() {
  const { id = '' } = useParams();
  const { m } = usePricingText();
  const query = usePublicPricing(id);
  const object = usePublicPricingObjection(id);
  const [sent, setSent] = useState(false);
  const [form] = Form.useForm();
  if (query.isPending) return <div className="tt-portal-inner"><Skeleton active /></div>;
  if (query.isError || !query.data) return <Result status="404" title={isApiError(query.error) ? query.error.message : m('notFound')} />;
  const p = query.data;
  const send = async (values: Record<string, unknown>) => {
    try {
      await object.mutateAsync(values);
      setSent(true);
    } catch (e) {
      form.setFields(isApiError(e) && e.field ? [{ name: e.field, errors: [e.message] }] : [{ name: 'content', errors: [isApiError(e) ? e.message : String(e)] }]);
    }
  };
  return (
    <div className="tt-portal-inner">
      <Card data-testid="pricing-public">
        <Typography.Title level={3} style={{ textAlign: 'center' }}>{`${p.institutionName}关于“${p.contractName}”成果定价的公示`}</Typography.Title>
        <Typography.Paragraph>
          {`根据《中华人民共和国促进科技成果转化法》及本单位科技成果转化管理规定，经${p.decisionBody}于 ${p.decidedOn} 决策，现将以下科技成果${p.contractTypeLabel}的定价情况予以公示。`}
        </Typography.Paragraph>
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            { key: 'contract', label: m('contract'), children: p.contractName },
            { key: 'type', label: m('contractType'), children: p.contractTypeLabel },
            { key: 'institution', label: m('institution'), children: p.institutionName },
            { key: 'buyers', label: m('buyers'), children: p.buyerNames.join('、') },
            { key: 'method', label: m('method'), children: p.methodLabel },
            { key: 'price', label: m('price'), children: <Typography.Text strong data-testid="pricing-public-price">{formatFen(p.priceFen)} 元</Typography.Text> },
            { key: 'valuation', label: m('valuation'), children: p.hasValuationReport ? <a href={valuationReportUrl(p.id)}>{m('download')}（{p.valuationReportName}）</a> : m('none') },
            { key: 'decision', label: m('decisionBody'), children: `${p.decisionBody}（${p.decidedOn}）` },
            { key: 'period', label: m('period'), children: m('periodText', { start: p.startsOn, end: p.endsOn, days: p.periodDays }) },
            { key: 'outcome', label: m('outcome'), children: <span data-testid="pricing-public-outcome">{p.outcome}</span> },
          ]}
        />
        {p.answers.length > 0 && (
          <Card size="small" title={m('answers')} style={{ marginTop: 16 }}>
            <List dataSource={p.answers} renderItem={(a) => (
              <List.Item>
                <List.Item.Meta title={a.content} description={`${m('answer')}：${a.answer}（${formatInstant(a.answeredAt)}）`} />
              </List.Item>
            )} />
          </Card>
        )}
        {p.stage === 'running' && (
          <Card size="small" title={m('sendObjection')} style={{ marginTop: 16 }} data-testid="pricing-objection-form">
            {sent ? <Alert type="success" message={m('objectionThanks')} data-testid="pricing-objection-sent" /> : (
              <Form form={form} layout="vertical" onFinish={(v) => void send(v as Record<string, unknown>)}>
                <Form.Item name="name" label={m('objectionName')} rules={[{ required: true, message: m('objectionName') }]}><Input maxLength={50} data-testid="objection-name" /></Form.Item>
                <Form.Item name="contact" label={m('objectionContact')} rules={[{ required: true, message: m('objectionContact') }]}><Input maxLength={100} data-testid="objection-contact" /></Form.Item>
                <Form.Item name="content" label={m('objectionContent')} rules={[{ required: true, message: m('objectionContent') }]}><Input.TextArea rows={4} maxLength={2000} data-testid="objection-content" /></Form.Item>
                <Button type="primary" htmlType="submit" loading={object.isPending} data-testid="objection-send">{m('sendObjection')}</Button>
              </Form>
            )}
          </Card>
        )}
      </Card>
    </div>
  );
}

export default function PublicPricingRoutes() {
  return (
    <Routes>
      <Route index element={<PricingList />} />
      <Route path=":id" element={<PricingPage />} />
    </Routes>
  );
}
