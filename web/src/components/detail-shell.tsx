/**
 * The frame of a registry record's page: header (返回, name, 演示数据 tag, 编辑), the tabs
 * 基本信息 (the entity's overview) and 审计记录 (for users who may read the audit trail), and
 * the edit drawer around the entity's form.
 */
import { Fragment, useState, type ReactNode } from 'react';
import { App, Button, Drawer, Tabs } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useUser } from '../auth.js';
import { useI18n } from '../i18n.js';
import { can, canUpdate, PERMISSIONS, type RegistryEntity } from '../permissions.js';
import { AuditTable } from './audit-table.js';
import { DemoTag } from './demo-tag.js';
import { PageHeader } from './page.js';
import type { EditFormProps } from './use-edit-form.js';

interface DetailShellProps<B> {
  /** Whose update permission shows 编辑, and the audit trail's subject type. */
  entity: RegistryEntity;
  record: { id: string; name: string; isDemo?: boolean; version: number };
  /** Where 返回 goes when there is no history to go back to, e.g. `/organizations`. */
  backTo: string;
  /** The 基本信息 tab. */
  overview: ReactNode;
  editTitle: string;
  drawerSize: number;
  /** The record's PATCH mutation. */
  update: { mutateAsync: (body: B) => Promise<unknown>; isPending: boolean };
  /** The entity's form for this record, wired to the drawer. */
  renderForm: (props: EditFormProps) => ReactNode;
  /** Reloads the record (after a version conflict). */
  onReload: () => void;
  /** Rendered after the drawer, e.g. the page's own modals. */
  children?: ReactNode;
}

export function DetailShell<B>({
  entity,
  record,
  backTo,
  overview,
  editTitle,
  drawerSize,
  update,
  renderForm,
  onReload,
  children,
}: DetailShellProps<B>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const [editing, setEditing] = useState(false);
  // Each opening starts from the record as it is now, not from the last attempt's values.
  const [opened, setOpened] = useState(0);
  const startEditing = () => {
    setOpened((n) => n + 1);
    setEditing(true);
  };
  const canSeeAudit = can(user, PERMISSIONS.auditRead);

  return (
    <div className="tt-page">
      <PageHeader
        back={backTo}
        title={record.name}
        tags={<DemoTag isDemo={record.isDemo} />}
        extra={
          canUpdate(user, entity) && (
            <Button type="primary" icon={<EditOutlined />} onClick={startEditing} data-testid="edit-button">
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'overview', label: t('common.basic'), children: overview },
          ...(canSeeAudit ? [{ key: 'audit', label: t('audit.tab'), children: <AuditTable subjectType={entity} subjectId={record.id} /> }] : []),
        ]}
      />
      <Drawer title={editTitle} open={editing} onClose={() => setEditing(false)} size={drawerSize} destroyOnHidden>
        <Fragment key={`${record.version}-${opened}`}>
          {renderForm({
            submitting: update.isPending,
            onCancel: () => setEditing(false),
            onReload,
            onSubmit: async (body) => {
              await update.mutateAsync(body as B);
              void message.success(t('common.saved'));
              setEditing(false);
            },
          })}
        </Fragment>
      </Drawer>
      {children}
    </div>
  );
}
