/**
 * 服务机构名录 (public, no login; plan (七)): the active offerings of service agencies and
 * technology-transfer institutions, filtered by category and words; an agency's page lists its
 * offerings, and a logged-in enterprise asks for a service through the platform (服务请求).
 */
import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { Button, Card, Col, Descriptions, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import { SERVICE_CATEGORIES } from '../../../../common/services-vocabulary.js';
import { ORGANIZATION_KINDS, SERVICE_TYPES } from '../../../../common/vocabulary.js';
import { DemoTag } from '../../components/demo-tag.js';
import { QueryGate } from '../../components/page.js';
import { type Offering, usePublicAgency, usePublicOfferings, useServicesText } from './model.js';

function Shell({ children }: { children: React.ReactNode }) {
  return <div style={{ maxWidth: 1200, margin: '24px auto', padding: '0 16px' }}>{children}</div>;
}

function OfferingItem({ o }: { o: Offering }) {
  const { s, vocab } = useServicesText();
  return (
    <List.Item data-testid="directory-offering">
      <List.Item.Meta
        title={<Space wrap><Tag color="blue">{vocab(SERVICE_CATEGORIES, o.category)}</Tag>{o.title}<DemoTag isDemo={o.isDemo} /></Space>}
        description={<>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{o.description}</Typography.Paragraph>
          <Space wrap split="·">
            <Link to={`/services/agencies/${o.organization.id}`}>{o.organization.name}</Link>
            <span>{s('priceTerms')}：{o.priceTerms}</span>
            <Link to={`/service-requests?offering=${o.id}`}>{s('newRequest')}</Link>
          </Space>
        </>}
      />
    </List.Item>
  );
}

function DirectoryPage() {
  const { s, vocab } = useServicesText();
  const [category, setCategory] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const query = usePublicOfferings({ category, q: q || undefined, page, pageSize: 20 });
  return (
    <Shell>
      <Typography.Title level={3}>{s('directory')}</Typography.Title>
      <Typography.Paragraph type="secondary">{s('directoryHint')}</Typography.Paragraph>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={s('search')} onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 280 }} data-testid="directory-search" />
          <Select allowClear placeholder={s('category')} value={category} style={{ width: 180 }} data-testid="directory-category"
            onChange={(v) => { setCategory(v); setPage(1); }} options={SERVICE_CATEGORIES.values.map((c) => ({ value: c, label: vocab(SERVICE_CATEGORIES, c) }))} />
        </Space>
        <List<Offering> loading={query.isFetching} dataSource={query.data?.items ?? []} renderItem={(o) => <OfferingItem o={o} />}
          pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} />
      </Card>
    </Shell>
  );
}

function AgencyPage() {
  const { id } = useParams();
  const { s, vocab } = useServicesText();
  const query = usePublicAgency(id);
  return (
    <Shell>
      <QueryGate query={query}>
        {(a) => (
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <Space><Link to="/services">{s('directory')}</Link><span>/</span><Typography.Title level={3} style={{ margin: 0 }}>{a.name}</Typography.Title></Space>
            </Col>
            <Col xs={24} md={8}>
              <Card>
                <Descriptions column={1} size="small" items={[
                  { key: 'kind', label: s('agency'), children: vocab(ORGANIZATION_KINDS, a.kind) },
                  { key: 'address', label: '地址', children: a.address ?? '—' },
                  { key: 'types', label: s('category'), children: a.serviceTypes.map((t) => <Tag key={t}>{vocab(SERVICE_TYPES, t)}</Tag>) },
                  { key: 'contact', label: s('contact'), children: a.contacts.map((c) => `${c.name}${c.title ? `（${c.title}）` : ''}`).join('、') || '—' },
                ]} />
                <Link to={`/service-requests?provider=${a.id}`}><Button type="primary" style={{ marginTop: 12 }}>{s('newRequest')}</Button></Link>
              </Card>
            </Col>
            <Col xs={24} md={16}>
              <Card title={s('offerings')}><List<Offering> dataSource={a.offerings} renderItem={(o) => <OfferingItem o={o} />} /></Card>
            </Col>
          </Row>
        )}
      </QueryGate>
    </Shell>
  );
}

export default function PublicServicesRoutes() {
  return (
    <Routes>
      <Route index element={<DirectoryPage />} />
      <Route path="agencies/:id" element={<AgencyPage />} />
    </Routes>
  );
}
