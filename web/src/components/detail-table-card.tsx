import type { ReactNode } from 'react';
import { Card, Table, type TableProps } from 'antd';
import { useI18n } from '../i18n.js';

/** One of a record's lists (资质, 股东, 联系人, …) on its overview: a small table in a card, unpaged. */
export function DetailTableCard<T extends object>({
  title,
  extra,
  rowKey,
  columns,
  dataSource,
}: {
  title: string;
  extra?: ReactNode;
  rowKey: TableProps<T>['rowKey'];
  columns: TableProps<T>['columns'];
  dataSource: T[];
}) {
  const { t } = useI18n();
  return (
    <Card size="small" title={title} extra={extra}>
      <Table<T> size="small" rowKey={rowKey} columns={columns} dataSource={dataSource} pagination={false} locale={{ emptyText: t('common.none') }} />
    </Card>
  );
}
