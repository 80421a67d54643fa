/**
 * 用户与权限 (server/modules/users) as the server presents it and the web reads it: an account with
 * its roles, jurisdiction, units and login state; the list's filters; the one-time password an
 * admin is shown once. Statuses in words here, so the page, the export and the CLI say the same.
 */
import { labels, type UserRole } from './vocabulary.js';

/** What the admin sees of an account's state, most pressing first (a disabled account is not also "locked"). */
export const ACCOUNT_STATUSES = labels({
  active: '正常',
  must_change: '待修改初始密码',
  locked: '已锁定',
  disabled: '已停用',
});
export type AccountStatus = (typeof ACCOUNT_STATUSES.values)[number];

/** The roles a government account is opened with in 用户与权限 (units' accounts come through 单位注册). */
export const GOVERNMENT_ROLES = ['operator', 'finance', 'department', 'evaluator', 'admin'] as const satisfies readonly UserRole[];

/** How long a one-time password an admin issues (new account, reset) works before it must be changed. */
export const TEMPORARY_PASSWORD_HOURS = 72;

export interface ManagedUnit {
  id: string;
  name: string;
}

export interface ManagedUser {
  id: string;
  username: string;
  displayName: string;
  roles: UserRole[];
  jurisdictionCode: string;
  jurisdictionName: string;
  units: ManagedUnit[];
  mobile: string | null;
  email: string | null;
  position: string | null;
  status: AccountStatus;
  disabled: boolean;
  /** Until when the account is locked after failed logins; null when it is not. */
  lockedUntil: string | null;
  failedLogins: number;
  mustChangePassword: boolean;
  passwordExpiresAt: string | null;
  lastLoginAt: string | null;
  lastLoginIp: string | null;
  createdAt: string;
  isDemo: boolean;
  isMe: boolean;
  version: number;
}

export interface UserPage {
  items: ManagedUser[];
  total: number;
}

/** A password shown once to the admin who created or reset the account. */
export interface OneTimePassword {
  user: ManagedUser;
  password: string;
  expiresAt: string;
  /** Whether it was also mailed to the account's e-mail address (only when SMTP is configured and asked for). */
  mailed: boolean;
  /** Why it was not mailed when mailing was asked for, in words. */
  mailProblem: string | null;
}

/** A government unit the account may be tied to (the registry's government departments). */
export interface GovernmentUnitOption {
  id: string;
  name: string;
  divisionName: string | null;
}
