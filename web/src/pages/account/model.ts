/**
 * 账号安全 as the server presents it (server/modules/auth): changing one's password, the 登录设备,
 * the two-factor login (TOTP) — their React Query hooks (keys start with 'account') and the pages'
 * strings, Chinese first.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.js';
import { useI18n } from '../../i18n.js';
import type { User } from '../../types.js';

const KEY = 'account';

export interface LoginDevice {
  handle: string;
  device: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export interface TotpStatus {
  enrolled: boolean;
  enabledAt: string | null;
  required: boolean;
  isDemo: boolean;
  recoveryCodesLeft: number;
}

export interface TotpSetup {
  secret: string;
  qrDataUrl: string;
}

/** After a forced step the user's stage moves on: the cached user is replaced. */
function useSetUser() {
  const client = useQueryClient();
  return (user: User) => client.setQueryData(['me'], user);
}

export function useChangePassword() {
  const setUser = useSetUser();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { oldPassword: string; newPassword: string }) =>
      api<{ user: User; endedSessions: number }>('/api/auth/password', { method: 'POST', body: input }),
    onSuccess: (answer) => {
      setUser(answer.user);
      void client.invalidateQueries({ queryKey: [KEY] });
    },
  });
}

export function useDevices() {
  return useQuery({ queryKey: [KEY, 'devices'], queryFn: ({ signal }) => api<{ items: LoginDevice[] }>('/api/auth/sessions', { signal }) });
}

export function useEndDevice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (handle: string) => api<{ ok: true }>(`/api/auth/sessions/${encodeURIComponent(handle)}`, { method: 'DELETE' }),
    onSettled: () => client.invalidateQueries({ queryKey: [KEY, 'devices'] }),
  });
}

export function useEndOtherDevices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ endedSessions: number }>('/api/auth/sessions/end-others', { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: [KEY, 'devices'] }),
  });
}

export function useTotpStatus() {
  return useQuery({ queryKey: [KEY, 'totp'], queryFn: ({ signal }) => api<TotpStatus>('/api/auth/totp', { signal }) });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => api<TotpSetup>('/api/auth/totp/setup', { method: 'POST' }) });
}

/**
 * Confirms the enrolment. The cached user (its stage) is replaced only by `finish`, once the recovery
 * codes were seen: replacing it at once would take the forced page away before they are shown.
 */
export function useTotpConfirm() {
  const setUser = useSetUser();
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (code: string) => api<{ user: User; recoveryCodes: string[] }>('/api/auth/totp/confirm', { method: 'POST', body: { code } }),
  });
  const finish = () => {
    if (mutation.data) setUser(mutation.data.user);
    void client.invalidateQueries({ queryKey: [KEY, 'totp'] });
  };
  return { ...mutation, finish };
}

export function useTotpDisable() {
  const setUser = useSetUser();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { password: string; code: string }) => api<{ user: User }>('/api/auth/totp/disable', { method: 'POST', body: input }),
    onSuccess: (answer) => {
      setUser(answer.user);
      void client.invalidateQueries({ queryKey: [KEY, 'totp'] });
    },
  });
}

const zh = {
  security: '账号安全',
  changePassword: '修改密码',
  mustChangeTitle: '请先修改密码',
  mustChangeText: '您的账号由管理员创建或重置了密码。为保证只有您知道密码，请先把它改为您自己的密码，之后即可正常使用。',
  oldPassword: '原密码',
  oldPasswordTemporary: '原密码（管理员告诉您的初始密码）',
  newPassword: '新密码',
  confirmPassword: '再次输入新密码',
  mismatch: '两次输入的新密码不一致',
  required: '请输入{what}',
  passwordRulesHint: '至少 10 位，含大写字母、小写字母、数字、符号中的至少 3 类，不含用户名，不能是常见密码',
  submitPassword: '确认修改',
  passwordChanged: '密码已修改',
  passwordChangedOthers: '密码已修改，其他 {n} 个登录设备已退出',
  logout: '退出登录',
  devices: '登录设备',
  devicesHint: '以下是正在登录您账号的设备。如有您不认识的设备，请结束它并立即修改密码。时间为北京时间。',
  device: '设备',
  ip: 'IP 地址',
  loggedInAt: '登录时间',
  lastSeenAt: '最近使用',
  actions: '操作',
  currentDevice: '当前设备',
  endDevice: '结束',
  endDeviceConfirm: '结束这个设备上的登录？该设备需要重新输入密码才能再次使用。',
  endOthers: '结束其他所有设备',
  endOthersConfirm: '结束除当前设备外的所有登录？这些设备需要重新输入密码才能再次使用。',
  endedOthers: '已结束 {n} 个其他设备的登录',
  deviceEnded: '该设备的登录已结束',
  totp: '动态验证码（双因素登录）',
  totpOn: '已开启',
  totpOff: '未开启',
  totpSince: '自 {at} 起开启（北京时间）',
  totpRequired: '您的角色须使用动态验证码登录。',
  totpOptional: '开启后，登录时除密码外还须输入手机验证器上的 6 位动态码，账号更安全。',
  totpDemo: '演示账号可不开启动态验证码，以便用密码直接体验。',
  recoveryLeft: '剩余恢复码 {n} 个',
  enable: '开启动态验证码',
  disable: '解除绑定',
  rebind: '重新绑定（更换手机）',
  disableTitle: '解除动态验证码',
  disableText: '请输入登录密码和验证器上当前的 6 位动态码。解除后原有恢复码作废。',
  disableRequiredText: '您的角色必须使用动态验证码：解除后须立即重新绑定新的验证器，才能继续使用平台。',
  password: '登录密码',
  code: '6 位动态码',
  codeHint: '手机验证器（如微信小程序“腾讯身份验证器”、Google Authenticator、Microsoft Authenticator）上显示的 6 位数字',
  cancel: '取消',
  confirm: '确认',
  enrolTitle: '绑定动态验证码',
  enrolRequired: '您的角色（业务、财务、管理或评估）须使用双因素登录：每次登录除密码外，还要输入手机验证器上的 6 位动态码。',
  enrolStep1: '1. 在手机上打开验证器应用，扫描下面的二维码',
  enrolManual: '无法扫码时，在验证器中选择“输入设置密钥”，填入以下密钥（基于时间）：',
  enrolStep2: '2. 输入验证器上显示的 6 位动态码以确认绑定',
  confirmEnrol: '确认绑定',
  recoveryTitle: '请保存您的恢复码',
  recoveryText: '手机丢失或更换时，可用以下任一恢复码代替动态码登录，每个只能用一次。恢复码只显示这一次，请抄写或打印后妥善保管。',
  recoverySaved: '我已保存，继续',
  downloadCodes: '下载恢复码（文本文件）',
  enrolled: '动态验证码已绑定',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  security: 'Account security',
  changePassword: 'Change password',
  mustChangeTitle: 'Change your password first',
  mustChangeText: 'An administrator created your account or reset its password. Please set a password only you know; then you can continue.',
  oldPassword: 'Current password',
  oldPasswordTemporary: 'Current password (the one the administrator gave you)',
  newPassword: 'New password',
  confirmPassword: 'New password again',
  mismatch: 'The two new passwords differ',
  required: 'Enter {what}',
  passwordRulesHint: 'At least 10 characters from three of: upper case, lower case, digits, symbols; not containing the username; not a common password',
  submitPassword: 'Change password',
  passwordChanged: 'Password changed',
  passwordChangedOthers: 'Password changed; {n} other devices were logged out',
  logout: 'Log out',
  devices: 'Signed-in devices',
  devicesHint: 'These devices are signed in to your account. End any you do not recognise and change your password. Times are Beijing time.',
  device: 'Device',
  ip: 'IP address',
  loggedInAt: 'Signed in',
  lastSeenAt: 'Last used',
  actions: 'Actions',
  currentDevice: 'This device',
  endDevice: 'End',
  endDeviceConfirm: 'End the sign-in on this device? It will need the password again.',
  endOthers: 'End all other devices',
  endOthersConfirm: 'End every sign-in but this one? Those devices will need the password again.',
  endedOthers: '{n} other devices logged out',
  deviceEnded: 'That device was logged out',
  totp: 'Authenticator codes (two-factor login)',
  totpOn: 'On',
  totpOff: 'Off',
  totpSince: 'On since {at} (Beijing time)',
  totpRequired: 'Your role must log in with an authenticator code.',
  totpOptional: 'When on, logging in asks for the 6-digit code of your authenticator app besides the password.',
  totpDemo: 'Demo accounts may stay without authenticator codes so the demo can be explored with the password.',
  recoveryLeft: '{n} recovery codes left',
  enable: 'Turn on authenticator codes',
  disable: 'Remove',
  rebind: 'Bind again (new phone)',
  disableTitle: 'Remove authenticator codes',
  disableText: 'Enter your password and the current 6-digit code. Your recovery codes stop working.',
  disableRequiredText: 'Your role must use authenticator codes: you will bind a new authenticator right away.',
  password: 'Password',
  code: '6-digit code',
  codeHint: 'The 6 digits your authenticator app shows',
  cancel: 'Cancel',
  confirm: 'Confirm',
  enrolTitle: 'Bind an authenticator',
  enrolRequired: 'Your role must use two-factor login: each login asks for the 6-digit code of an authenticator app besides the password.',
  enrolStep1: '1. Scan this QR code with your authenticator app',
  enrolManual: 'Cannot scan? Enter this setup key (time-based) in the app:',
  enrolStep2: '2. Enter the 6-digit code the app shows to confirm',
  confirmEnrol: 'Confirm',
  recoveryTitle: 'Save your recovery codes',
  recoveryText: 'If you lose your phone, each of these codes logs you in once instead of a 6-digit code. They are shown only now: write them down or print them.',
  recoverySaved: 'I have saved them',
  downloadCodes: 'Download the codes (text file)',
  enrolled: 'Authenticator bound',
};

export function useAccountText() {
  const { lang } = useI18n();
  const dict = lang === 'en' ? en : zh;
  const m = (key: Key, vars?: Record<string, string | number>) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
  };
  return { m, lang };
}
