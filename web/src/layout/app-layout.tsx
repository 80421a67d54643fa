import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Dropdown, Layout, Menu, type MenuProps, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { DownOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { USER_ROLES } from '../../../common/vocabulary.js';
import { FullPageSpin, useUser } from '../auth.js';
import { useI18n, type Lang } from '../i18n.js';
import { NAV, NAV_GROUPS } from '../nav.js';
import { can } from '../permissions.js';
import { useLogout } from '../queries.js';
import { NotificationBell } from './notification-bell.js';

const { Header, Sider, Content } = Layout;

export default function AppLayout() {
  const user = useUser();
  const { t, lang, setLang, vocab } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(false);

  const entries = useMemo(() => NAV.filter((entry) => can(user, entry.permission)), [user]);
  const selected = entries.find(
    (entry) => location.pathname === entry.path || location.pathname.startsWith(`${entry.path}/`),
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={210}
        theme="dark"
        className="tt-sider"
        style={{ position: 'sticky', top: 0, height: '100vh' }}
      >
        <div className="tt-brand" title={t('app.title')}>
          {collapsed ? t('app.short').slice(0, 2) : lang === 'en' ? t('app.short') : t('app.title')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected.path] : []}
          items={NAV_GROUPS.flatMap((group): NonNullable<MenuProps['items']> => {
            const children = entries.filter((entry) => entry.group === group).map((entry) => ({ key: entry.path, icon: entry.icon, label: t(entry.label) }));
            if (children.length === 0) return [];
            return [{ type: 'group' as const, key: `group:${group}`, label: collapsed ? null : t(`navGroup.${group}`), children }];
          })}
          onClick={({ key }) => navigate(key)}
          data-testid="nav-menu"
        />
      </Sider>
      <Layout>
        <Header className="tt-header">
          <Space size="middle" wrap>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: '/account/security', icon: <SafetyOutlined />, label: <span data-testid="menu-security">{lang === 'en' ? 'Account security' : '账号安全'}</span> },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
                ],
                onClick: ({ key }) => (key === 'logout' ? logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) }) : navigate(key)),
              }}
            >
              <Space size={4} data-testid="current-user" style={{ cursor: 'pointer' }}>
                <UserOutlined />
                <Typography.Text strong>{user.displayName || user.username}</Typography.Text>
                <DownOutlined style={{ fontSize: 10 }} />
              </Space>
            </Dropdown>
            <span>
              {user.roles.map((role) => (
                <Tag key={role} color="blue">
                  {vocab(USER_ROLES, role)}
                </Tag>
              ))}
            </span>
            <Tooltip title={t('header.jurisdiction')}>
              <Tag data-testid="jurisdiction">{`${t('header.jurisdiction')} ${user.jurisdictionCode}`}</Tag>
            </Tooltip>
          </Space>
          <Space size="middle">
            <NotificationBell />
            <Segmented<Lang>
              size="small"
              value={lang}
              onChange={setLang}
              options={[
                { label: t('lang.zh'), value: 'zh-CN' },
                { label: t('lang.en'), value: 'en' },
              ]}
              data-testid="lang-switch"
            />
            <Button
              icon={<LogoutOutlined />}
              loading={logout.isPending}
              onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
            >
              {t('header.logout')}
            </Button>
          </Space>
        </Header>
        <Content className="tt-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
