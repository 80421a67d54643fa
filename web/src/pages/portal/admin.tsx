/**
 * 门户内容 (operator, admin): the bureau writes the public portal's news, policy documents,
 * interpretations (with Q&A) and service guides in Markdown, saves drafts, publishes and withdraws —
 * each publication and withdrawal confirmed with what visitors will see.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { PortalPost } from '../../../../common/portal-api.js';
import { POST_KINDS, POST_STATUSES, type PostKind } from '../../../../common/portal-vocabulary.js';
import { api, withQuery } from '../../api.js';
import { PageHeader } from '../../components/page.js';
import { applyServerErrors } from '../../components/form-errors.js';
import { DemoTag } from '../../components/demo-tag.js';
import { useI18n } from '../../i18n.js';
import { postPathOf } from './paths.js';
import { useAdminPosts, useSavePost } from './model.js';

const FIELDS = ['kind', 'title', 'abstract', 'body', 'documentNumber', 'issuer', 'effectiveOn', 'expiresOn', 'policyId', 'documentId', 'qa'] as const;
const STATUS_COLORS: Record<string, string> = { draft: 'default', published: 'green', withdrawn: 'red' };

interface FormValues {
  kind: PostKind;
  title: string;
  abstract?: string;
  body: string;
  documentNumber?: string;
  issuer?: string;
  effectiveOn?: Dayjs | null;
  expiresOn?: Dayjs | null;
  policyId?: string | null;
  documentId?: string | null;
  qa?: { question: string; answer: string }[];
}

const dateText = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function PostForm({ post, onDone }: { post: PortalPost | null; onDone: () => void }) {
  const { t, vocab } = useI18n();
  const { modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSavePost();
  const [problems, setProblems] = useState<string[]>([]);
  const kind = Form.useWatch('kind', form) ?? post?.kind ?? 'news';
  const policies = useQuery({ queryKey: ['subsidies', 'policies'], queryFn: () => api<{ id: string; title: string; document: string }[]>('/api/subsidies/policies') });
  const documents = useAdminPosts({ kind: 'policy', page: 1 });
  const submit = async (status: 'draft' | 'published' | undefined) => {
    const v = await form.validateFields();
    const body = {
      ...(post ? { version: post.version } : { kind: v.kind }),
      ...(status ? { status } : {}),
      title: v.title,
      abstract: v.abstract || null,
      body: v.body,
      documentNumber: v.documentNumber || null,
      issuer: v.issuer || null,
      effectiveOn: dateText(v.effectiveOn),
      expiresOn: dateText(v.expiresOn),
      policyId: v.policyId || null,
      documentId: v.kind === 'interpretation' || post?.kind === 'interpretation' ? v.documentId || null : null,
      qa: (v.qa ?? []).filter((q) => q?.question || q?.answer),
    };
    try {
      await save.mutateAsync({ id: post?.id, body });
      onDone();
    } catch (e) {
      setProblems(applyServerErrors(form, e, FIELDS));
    }
  };
  const publish = () =>
    modal.confirm({ title: t('portal.admin.publish'), content: t('portal.admin.confirmPublish'), okText: t('portal.admin.publish'), onOk: () => submit('published') });
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      data-testid="portal-post-form"
      initialValues={post ? {
        ...post,
        abstract: post.abstract ?? undefined,
        documentNumber: post.documentNumber ?? undefined,
        issuer: post.issuer ?? undefined,
        effectiveOn: post.effectiveOn ? dayjs(post.effectiveOn) : null,
        expiresOn: post.expiresOn ? dayjs(post.expiresOn) : null,
      } : { kind: 'news', qa: [] }}
    >
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} />}
      <Form.Item name="kind" label={t('portal.admin.kind')} rules={[{ required: true }]}>
        <Select disabled={!!post} options={POST_KINDS.values.map((k) => ({ value: k, label: vocab(POST_KINDS, k) }))} data-testid="post-kind" />
      </Form.Item>
      <Form.Item name="title" label={t('portal.admin.title')} rules={[{ required: true, message: '请填写标题' }]}><Input maxLength={200} data-testid="post-title" /></Form.Item>
      <Form.Item name="abstract" label={t('portal.admin.abstract')}><Input maxLength={500} data-testid="post-abstract" /></Form.Item>
      <Form.Item name="body" label={t('portal.admin.body')} extra={t('portal.admin.bodyHint')} rules={[{ required: true, message: '请填写正文' }]}>
        <Input.TextArea rows={10} data-testid="post-body" />
      </Form.Item>
      {(kind === 'policy' || kind === 'interpretation') && (
        <Space wrap>
          <Form.Item name="documentNumber" label={t('portal.docNumber')}><Input maxLength={60} /></Form.Item>
          <Form.Item name="effectiveOn" label={t('portal.effective')}><DatePicker /></Form.Item>
          <Form.Item name="expiresOn" label={t('portal.expires')}><DatePicker /></Form.Item>
        </Space>
      )}
      <Form.Item name="issuer" label={t('portal.issuer')}><Input maxLength={100} /></Form.Item>
      {(kind === 'policy' || kind === 'interpretation') && (
        <Form.Item name="policyId" label={t('portal.admin.policy')}>
          <Select allowClear showSearch optionFilterProp="label" options={(policies.data ?? []).map((p) => ({ value: p.id, label: `${p.title}（${p.document}）` }))} />
        </Form.Item>
      )}
      {kind === 'interpretation' && (
        <>
          <Form.Item name="documentId" label={t('portal.admin.document')}>
            <Select allowClear showSearch optionFilterProp="label" options={(documents.data?.items ?? []).map((d) => ({ value: d.id, label: d.title }))} />
          </Form.Item>
          <Form.List name="qa">
            {(fields, { add, remove }) => (
              <Card size="small" title={t('portal.admin.qa')} extra={<Button onClick={() => add({ question: '', answer: '' })}>{t('portal.admin.addQa')}</Button>}>
                {fields.map((f) => (
                  <Space key={f.key} align="start" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'question']} label={t('portal.admin.question')} rules={[{ required: true, message: '请填写问题' }]}><Input style={{ width: 260 }} /></Form.Item>
                    <Form.Item name={[f.name, 'answer']} label={t('portal.admin.answer')} rules={[{ required: true, message: '请填写答复' }]}><Input.TextArea rows={2} style={{ width: 420 }} /></Form.Item>
                    <Button onClick={() => remove(f.name)} style={{ marginTop: 30 }}>{t('portal.admin.remove')}</Button>
                  </Space>
                ))}
              </Card>
            )}
          </Form.List>
        </>
      )}
      <Space style={{ marginTop: 16 }}>
        {post ? <Button type="primary" loading={save.isPending} onClick={() => void submit(undefined)} data-testid="post-save">{t('portal.admin.save')}</Button> : (
          <>
            <Button loading={save.isPending} onClick={() => void submit('draft')} data-testid="post-draft">{t('portal.admin.saveDraft')}</Button>
            <Button type="primary" loading={save.isPending} onClick={publish} data-testid="post-publish">{t('portal.admin.publish')}</Button>
          </>
        )}
      </Space>
    </Form>
  );
}

function PortalContentPage() {
  const { t, vocab } = useI18n();
  const { modal } = App.useApp();
  const [kind, setKind] = useState<PostKind | undefined>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<PortalPost | null | 'new'>(null);
  const list = useAdminPosts({ kind, page });
  const save = useSavePost();
  const setStatus = (p: PortalPost, status: 'published' | 'withdrawn') =>
    modal.confirm({
      title: status === 'published' ? t('portal.admin.publish') : t('portal.admin.withdraw'),
      content: `「${p.title}」：${status === 'published' ? t('portal.admin.confirmPublish') : t('portal.admin.confirmWithdraw')}`,
      okText: status === 'published' ? t('portal.admin.publish') : t('portal.admin.withdraw'),
      onOk: () => save.mutateAsync({ id: p.id, body: { version: p.version, status } }),
    });
  return (
    <>
      <PageHeader title={t('nav.portalContent')} extra={<Button type="primary" onClick={() => setEditing('new')} data-testid="post-new">{t('portal.admin.new')}</Button>} />
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <Select allowClear placeholder={t('portal.admin.kind')} style={{ width: 160 }} value={kind} onChange={(v) => { setKind(v); setPage(1); }}
            options={POST_KINDS.values.map((k) => ({ value: k, label: vocab(POST_KINDS, k) }))} />
          <Button href={withQuery('/api/portal/posts/export.xlsx', { kind })} data-testid="posts-export">{t('portal.admin.export')}</Button>
        </Space>
        <Table<PortalPost>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="portal-posts"
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('portal.admin.kind'), render: (_, p) => vocab(POST_KINDS, p.kind), width: 100 },
            { title: t('portal.admin.title'), render: (_, p) => <Space>{p.title}<DemoTag isDemo={p.isDemo} /></Space> },
            { title: t('portal.admin.status'), render: (_, p) => <Tag color={STATUS_COLORS[p.status]}>{vocab(POST_STATUSES, p.status)}</Tag>, width: 90 },
            { title: t('portal.admin.updated'), render: (_, p) => `${dayjs(p.updatedAt).format('YYYY-MM-DD HH:mm')} ${p.updatedByName}`, width: 220 },
            {
              title: '', width: 240, render: (_, p) => (
                <Space>
                  <Button size="small" onClick={() => setEditing(p)}>{t('common.edit')}</Button>
                  {p.status === 'published'
                    ? <Button size="small" danger onClick={() => setStatus(p, 'withdrawn')}>{t('portal.admin.withdraw')}</Button>
                    : <Button size="small" type="primary" onClick={() => setStatus(p, 'published')}>{t('portal.admin.publish')}</Button>}
                  {p.status === 'published' && <a href={postPathOf(p)} target="_blank" rel="noreferrer">{t('portal.admin.view')}</a>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal open={editing !== null} width={860} footer={null} destroyOnHidden title={editing === 'new' ? t('portal.admin.new') : t('common.edit')} onCancel={() => setEditing(null)}>
        {editing !== null && <PostForm post={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Modal>
    </>
  );
}

export default function PortalContentRoutes() {
  return <PortalContentPage />;
}
