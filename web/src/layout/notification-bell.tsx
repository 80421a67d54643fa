/** The header's bell: the unread notification count; a click opens the notification centre. */
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useUser } from '../auth.js';
import { can } from '../permissions.js';
import { useNotificationText, useUnreadCount } from '../pages/notifications/model.js';

export function NotificationBell() {
  const user = useUser();
  const navigate = useNavigate();
  const { m } = useNotificationText();
  const allowed = can(user, 'notifications.read');
  const unread = useUnreadCount(allowed);
  if (!allowed) return null;
  const count = unread.data?.unread ?? 0;
  return (
    <Tooltip title={m('bell')}>
      <Badge count={count} size="small" data-testid="notification-count" data-count={count}>
        <Button shape="circle" icon={<BellOutlined />} aria-label={m('bell')} onClick={() => navigate('/notifications')} data-testid="notification-bell" />
      </Badge>
    </Tooltip>
  );
}
