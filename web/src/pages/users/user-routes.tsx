/**
 * 用户与权限 (/users, admin): the accounts of the admin's jurisdiction — searched and filtered by name,
 * role, unit and state, exported to Excel; 新建账号 in a drawer (role, jurisdiction by name, department
 * unit by name); 修改角色; 停用 / 启用; 重置密码; 解锁. Each step asks first and says what will happen; a
 * one-time password is shown once in a modal with a copy button. Roles and states in words, times in Beijing time.
 */
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined, UserAddOutlined } from '@ant-design/icons';
import { ACCOUNT_STATUSES, type AccountStatus, GOVERNMENT_ROLES, type GovernmentUnitOption, type ManagedUser, type OneTimePassword, type UserPage } from '../../../../common/users-api.js';
import { USER_ROLES, type UserRole } from '../../../../common/vocabulary.js';
import { api, errorText, withQuery } from '../../api.js';
import { useUser } from '../../auth.js';
import { PageHeader } from '../../components/page.js';
import { JurisdictionSelect, useDebounced } from '../../components/pickers.js';
import { formatInstant } from '../../format.js';
import { useI18n } from '../../i18n.js';

const KEY = 'users';
const STATUS_COLORS: Record<AccountStatus, string> = { active: 'green', must_change: 'blue', locked: 'orange', disabled: 'red' };

interface Filters {
  q?: string;
  role?: UserRole;
  organizationId?: string;
  status?: AccountStatus;
  page: number;
  pageSize: number;
}

function useGovernmentUnits(q: string) {
  return useQuery({
    queryKey: [KEY, 'units', q],
    queryFn: ({ signal }) => api<GovernmentUnitOption[]>('/api/users/government-units', { query: q ? { q } : {}, signal }),
    placeholderData: keepPreviousData,
  });
}

/** A department unit picked by name among the registry's government departments. */
function UnitSelect({ value, onChange, multiple, placeholder, id }: { value?: string | string[]; onChange?: (v: never) => void; multiple?: boolean; placeholder?: string; id?: string }) {
  const [search, setSearch] = useState('');
  const units = useGovernmentUnits(useDebounced(search));
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={(v) => onChange?.(v as never)}
      allowClear
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={units.isFetching}
      options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
      style={{ minWidth: 220 }}
      data-testid={multiple ? 'user-units' : 'filter-unit'}
    />
  );
}

function OneTimePasswordModal({ issued, onClose }: { issued: OneTimePassword | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal open={!!issued} title={t('users.oneTimeTitle')} onCancel={onClose} footer={<Button type="primary" onClick={onClose} data-testid="one-time-done">{t('users.oneTimeDone')}</Button>} maskClosable={false} destroyOnHidden>
      {issued && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('users.oneTimeFor', { name: issued.user.displayName, username: issued.user.username })}</Typography.Text>
          <Typography.Title level={3} copyable={{ text: issued.password }} style={{ margin: 0 }} data-testid="one-time-password">{issued.password}</Typography.Title>
          <Typography.Text type="secondary">{t('users.oneTimeUntil', { time: formatInstant(issued.expiresAt) })}</Typography.Text>
          <Alert type="warning" showIcon message={t('users.oneTimeOnce')} />
          {issued.mailed && <Alert type="success" showIcon message={t('users.mailed', { email: issued.user.email ?? '' })} />}
          {issued.mailProblem && <Alert type="info" showIcon message={issued.mailProblem} />}
        </Space>
      )}
    </Modal>
  );
}

interface CreateValues {
  username: string;
  displayName: string;
  roles: UserRole[];
  jurisdictionCode: string;
  organizationIds?: string[];
  mobile?: string;
  position?: string;
  email?: string;
}

function CreateDrawer({ open, onClose, onIssued }: { open: boolean; onClose: () => void; onIssued: (p: OneTimePassword) => void }) {
  const { t, vocab } = useI18n();
  const me = useUser();
  const client = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({ mutationFn: (body: CreateValues) => api<OneTimePassword>('/api/users', { method: 'POST', body: { ...body, organizationIds: body.organizationIds ?? [] } }) });
  const required = (what: string) => [{ required: true, message: t('users.required', { what }) }];
  return (
    <Drawer open={open} onClose={onClose} title={t('users.create')} width={520} destroyOnHidden
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="user-create-submit">{t('users.createSubmit')}</Button></Space>}>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ jurisdictionCode: me.jurisdictionCode, roles: [] }}
        onFinish={async (values) => {
          setProblem(null);
          try {
            const issued = await create.mutateAsync(values);
            await client.invalidateQueries({ queryKey: [KEY] });
            form.resetFields();
            onClose();
            onIssued(issued);
          } catch (e) {
            setProblem(errorText(e));
          }
        }}>
        <Form.Item name="displayName" label={t('users.displayName')} rules={required(t('users.displayName'))}><Input maxLength={30} data-testid="user-display-name" /></Form.Item>
        <Form.Item name="username" label={t('users.username')} extra={t('users.usernameHint')} rules={required(t('users.username'))}><Input maxLength={32} data-testid="user-username" /></Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={required(t('users.roles'))}>
          <Select mode="multiple" options={GOVERNMENT_ROLES.map((r) => ({ value: r, label: vocab(USER_ROLES, r) }))} data-testid="user-roles" />
        </Form.Item>
        <Form.Item name="jurisdictionCode" label={t('users.jurisdiction')} rules={required(t('users.jurisdiction'))}><JurisdictionSelect /></Form.Item>
        <Form.Item name="organizationIds" label={t('users.units')} extra={t('users.unitsHint')}><UnitSelect multiple placeholder={t('users.unitsPlaceholder')} /></Form.Item>
        <Form.Item name="position" label={t('users.position')}><Input maxLength={50} data-testid="user-position" /></Form.Item>
        <Form.Item name="mobile" label={t('users.mobile')}><Input maxLength={11} data-testid="user-mobile" /></Form.Item>
        <Form.Item name="email" label={t('users.email')}><Input maxLength={100} /></Form.Item>
        <Alert type="info" showIcon message={t('users.createNote')} />
      </Form>
    </Drawer>
  );
}

function RolesDrawer({ user, onClose }: { user: ManagedUser | null; onClose: () => void }) {
  const { t, vocab } = useI18n();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const [roles, setRoles] = useState<UserRole[]>([]);
  const save = useMutation({ mutationFn: (body: { id: string; version: number; roles: UserRole[] }) => api<ManagedUser>(`/api/users/${encodeURIComponent(body.id)}/roles`, { method: 'PUT', body: { version: body.version, roles: body.roles } }) });
  const submit = () => {
    if (!user) return;
    const removed = user.roles.filter((r) => !roles.includes(r));
    const go = async () => {
      try {
        await save.mutateAsync({ id: user.id, version: user.version, roles });
        await client.invalidateQueries({ queryKey: [KEY] });
        onClose();
      } catch (e) {
        void message.error(errorText(e));
      }
    };
    if (removed.length) {
      modal.confirm({ title: t('users.demoteTitle'), content: t('users.demoteConfirm', { name: user.displayName, roles: removed.map((r) => vocab(USER_ROLES, r)).join('、') }), okButtonProps: { danger: true }, onOk: go });
    } else void go();
  };
  return (
    <Drawer open={!!user} onClose={onClose} title={user ? t('users.rolesOf', { name: user.displayName }) : ''} width={420} destroyOnHidden afterOpenChange={(o) => o && user && setRoles(user.roles)}
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={save.isPending} disabled={!roles.length} onClick={submit} data-testid="roles-save">{t('common.save')}</Button></Space>}>
      <Checkbox.Group value={roles} onChange={(v) => setRoles(v as UserRole[])} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        options={USER_ROLES.values.map((r) => ({ value: r, label: vocab(USER_ROLES, r) }))} />
    </Drawer>
  );
}

export default function UsersPage() {
  const { t, vocab } = useI18n();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 20 });
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [editingRoles, setEditingRoles] = useState<ManagedUser | null>(null);
  const [issued, setIssued] = useState<OneTimePassword | null>(null);
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string | number>;
  const list = useQuery({ queryKey: [KEY, 'list', query], queryFn: ({ signal }) => api<UserPage & { mailConfigured: boolean }>('/api/users', { query, signal }), placeholderData: keepPreviousData });
  const act = useMutation({
    mutationFn: (r: { user: ManagedUser; action: 'disable' | 'enable' | 'unlock' | 'reset-password'; mail?: boolean }) =>
      api<ManagedUser | OneTimePassword>(`/api/users/${encodeURIComponent(r.user.id)}/${r.action}`, { method: 'POST', body: { version: r.user.version, ...(r.action === 'reset-password' ? { mail: !!r.mail } : {}) } }),
    onSuccess: () => client.invalidateQueries({ queryKey: [KEY] }),
  });
  const run = (user: ManagedUser, action: 'disable' | 'enable' | 'unlock') => act.mutateAsync({ user, action }).catch((e: unknown) => void message.error(errorText(e)));
  const reset = (user: ManagedUser) => {
    let mail = false;
    modal.confirm({
      title: t('users.reset'),
      content: (
        <Space direction="vertical">
          <span>{t('users.resetConfirm', { name: user.displayName })}</span>
          {list.data?.mailConfigured && user.email && <Checkbox onChange={(e) => (mail = e.target.checked)}>{t('users.resetMail', { email: user.email })}</Checkbox>}
        </Space>
      ),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' } as never,
      onOk: async () => {
        try {
          setIssued((await act.mutateAsync({ user, action: 'reset-password', mail })) as OneTimePassword);
        } catch (e) {
          void message.error(errorText(e));
        }
      },
    });
  };
  const exportQuery = { ...query };
  delete exportQuery.page;
  delete exportQuery.pageSize;
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));
  return (
    <>
      <PageHeader title={t('nav.users')} extra={<Space>
        <Button icon={<FileExcelOutlined />} href={withQuery('/api/users.xlsx', exportQuery)}>{t('users.export')}</Button>
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)} data-testid="user-create">{t('users.create')}</Button>
      </Space>} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder={t('users.search')} allowClear value={search} onChange={(e) => setSearch(e.target.value)} onSearch={(q) => set({ q: q.trim() || undefined })} style={{ width: 260 }} data-testid="user-search" />
        <Select allowClear placeholder={t('users.roles')} style={{ width: 160 }} value={filters.role} onChange={(role) => set({ role })} options={USER_ROLES.values.map((r) => ({ value: r, label: vocab(USER_ROLES, r) }))} />
        <UnitSelect value={filters.organizationId} onChange={(organizationId: string | undefined) => set({ organizationId })} placeholder={t('users.units')} />
        <Select allowClear placeholder={t('users.status')} style={{ width: 150 }} value={filters.status} onChange={(status) => set({ status })} options={ACCOUNT_STATUSES.values.map((s) => ({ value: s, label: vocab(ACCOUNT_STATUSES, s) }))} />
      </Space>
      <Table<ManagedUser>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="users-table"
        pagination={{ current: filters.page, pageSize: filters.pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { n: String(n) }), onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })) }}
        columns={[
          { title: t('users.displayName'), render: (_, u) => <Space direction="vertical" size={0}><span>{u.displayName}{u.isMe && <Tag style={{ marginLeft: 4 }}>{t('users.me')}</Tag>}</span><Typography.Text type="secondary">{u.username}</Typography.Text></Space> },
          { title: t('users.roles'), render: (_, u) => u.roles.map((r) => <Tag key={r}>{vocab(USER_ROLES, r)}</Tag>) },
          { title: t('users.units'), render: (_, u) => (u.units.length ? u.units.map((o) => o.name).join('、') : '—') },
          { title: t('users.jurisdiction'), render: (_, u) => u.jurisdictionName },
          { title: t('users.status'), width: 130, render: (_, u) => <Space direction="vertical" size={0}><Tag color={STATUS_COLORS[u.status]} data-testid={`status-${u.username}`}>{vocab(ACCOUNT_STATUSES, u.status)}</Tag>{u.lockedUntil && <Typography.Text type="secondary">{t('users.lockedUntil', { time: formatInstant(u.lockedUntil) })}</Typography.Text>}</Space> },
          { title: t('users.failed'), width: 90, render: (_, u) => u.failedLogins },
          { title: t('users.lastLogin'), width: 170, render: (_, u) => (u.lastLoginAt ? <Space direction="vertical" size={0}><span>{formatInstant(u.lastLoginAt)}</span>{u.lastLoginIp && <Typography.Text type="secondary">{u.lastLoginIp}</Typography.Text>}</Space> : t('users.never')) },
          {
            title: t('common.actions'),
            width: 260,
            render: (_, u) => (
              <Space wrap size={4}>
                <Button size="small" onClick={() => setEditingRoles(u)}>{t('users.changeRoles')}</Button>
                {u.disabled ? (
                  <Button size="small" onClick={() => modal.confirm({ title: t('users.enable'), content: t('users.enableConfirm', { name: u.displayName }), okButtonProps: { 'data-testid': 'confirm-ok' } as never, onOk: () => run(u, 'enable') })} data-testid={`enable-${u.username}`}>{t('users.enable')}</Button>
                ) : (
                  <>
                    {!u.isMe && <Button size="small" danger onClick={() => modal.confirm({ title: t('users.disable'), content: t('users.disableConfirm', { name: u.displayName }), okButtonProps: { danger: true, 'data-testid': 'confirm-ok' } as never, onOk: () => run(u, 'disable') })} data-testid={`disable-${u.username}`}>{t('users.disable')}</Button>}
                    <Button size="small" onClick={() => reset(u)} data-testid={`reset-${u.username}`}>{t('users.reset')}</Button>
                  </>
                )}
                {(u.lockedUntil || u.failedLogins > 0) && <Button size="small" onClick={() => modal.confirm({ title: t('users.unlock'), content: t('users.unlockConfirm', { name: u.displayName }), onOk: () => run(u, 'unlock') })}>{t('users.unlock')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      <CreateDrawer open={creating} onClose={() => setCreating(false)} onIssued={setIssued} />
      <RolesDrawer user={editingRoles} onClose={() => setEditingRoles(null)} />
      <OneTimePasswordModal issued={issued} onClose={() => setIssued(null)} />
    </>
  );
}
