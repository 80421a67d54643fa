/**
 * Single sign-on settings, read once at start from the environment (TT_OIDC_*). Without
 * TT_OIDC_ISSUER single sign-on is off; with it, a setting that cannot work (no client id or secret,
 * an issuer or redirect address that is not a URL, plain http to anything but this machine) stops the
 * start with a message naming the variable — a broken login button found by the first user is worse.
 * (An AppError VALIDATION with the variable as its field: the CLI prints it as one line and exits 2.)
 */
import { AppError } from '../../errors.js';

export type TokenAuthMethod = 'client_secret_basic' | 'client_secret_post';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  tokenAuthMethod: TokenAuthMethod;
  /** Where the provider sends the browser back; null: this server's /api/auth/oidc/callback at the request's origin. */
  redirectUri: string | null;
  scope: string;
  /** The login button's text. */
  label: string;
  /** Which claims carry what the registration form is pre-filled with. */
  claims: {
    creditCode: string;
    unitName: string;
    person: string;
    mobile: string;
  };
}

export const DEFAULT_OIDC_LABEL = '统一身份认证登录';

/** The variable that cannot work, named in the message and as the error's field. */
function misconfigured(field: string, message: string): AppError {
  return new AppError('VALIDATION', `单点登录配置有误：${message}`, { field });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function url(name: string, value: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw misconfigured(name, `${name} 不是有效的网址（${value}）`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))) {
    throw misconfigured(name, `${name} 须为 https 地址（仅本机测试可用 http）：${value}`);
  }
  return parsed;
}

const claimName = (name: string, value: string | undefined, fallback: string): string => {
  const v = value?.trim() || fallback;
  if (!/^[A-Za-z_][\w.:-]{0,99}$/.test(v)) throw misconfigured(name, `${name} 应为声明（claim）名称，如 ${fallback}：${v}`);
  return v;
};

/** The settings, or null when single sign-on is not configured; throws with the variable's name when misconfigured. */
export function readOidcSettings(env: Record<string, string | undefined> = process.env): OidcSettings | null {
  const issuer = env.TT_OIDC_ISSUER?.trim();
  if (!issuer) {
    const stray = ['TT_OIDC_CLIENT_ID', 'TT_OIDC_CLIENT_SECRET', 'TT_OIDC_REDIRECT_URI'].filter((k) => env[k]?.trim());
    if (stray.length) throw misconfigured('TT_OIDC_ISSUER', `设置了 ${stray.join('、')}，但没有设置 TT_OIDC_ISSUER（统一身份认证服务的地址）`);
    return null;
  }
  url('TT_OIDC_ISSUER', issuer);
  const clientId = env.TT_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw misconfigured('TT_OIDC_CLIENT_ID', '设置了 TT_OIDC_ISSUER，但没有设置 TT_OIDC_CLIENT_ID（在统一身份认证服务登记的客户端编号）');
  const clientSecret = env.TT_OIDC_CLIENT_SECRET;
  if (!clientSecret) throw misconfigured('TT_OIDC_CLIENT_SECRET', '没有设置 TT_OIDC_CLIENT_SECRET（客户端密钥）');
  const redirect = env.TT_OIDC_REDIRECT_URI?.trim() || null;
  if (redirect && !url('TT_OIDC_REDIRECT_URI', redirect).pathname.endsWith('/api/auth/oidc/callback')) {
    throw misconfigured('TT_OIDC_REDIRECT_URI', `TT_OIDC_REDIRECT_URI 应指向本平台的 /api/auth/oidc/callback：${redirect}`);
  }
  const method = env.TT_OIDC_TOKEN_AUTH_METHOD?.trim() || 'client_secret_basic';
  if (method !== 'client_secret_basic' && method !== 'client_secret_post') {
    throw misconfigured('TT_OIDC_TOKEN_AUTH_METHOD', `TT_OIDC_TOKEN_AUTH_METHOD 应为 client_secret_basic 或 client_secret_post：${method}`);
  }
  const scope = env.TT_OIDC_SCOPE?.trim() || 'openid profile phone';
  if (!scope.split(/\s+/).includes('openid')) throw misconfigured('TT_OIDC_SCOPE', `TT_OIDC_SCOPE 须包含 openid：${scope}`);
  const label = env.TT_OIDC_LABEL?.trim() || DEFAULT_OIDC_LABEL;
  if (label.length > 30) throw misconfigured('TT_OIDC_LABEL', `TT_OIDC_LABEL（登录按钮文字）不超过 30 个字：${label}`);
  return {
    issuer,
    clientId,
    clientSecret,
    tokenAuthMethod: method,
    redirectUri: redirect,
    scope,
    label,
    claims: {
      creditCode: claimName('TT_OIDC_CREDIT_CODE_CLAIM', env.TT_OIDC_CREDIT_CODE_CLAIM, 'credit_code'),
      unitName: claimName('TT_OIDC_UNIT_NAME_CLAIM', env.TT_OIDC_UNIT_NAME_CLAIM, 'org_name'),
      person: claimName('TT_OIDC_PERSON_CLAIM', env.TT_OIDC_PERSON_CLAIM, 'name'),
      mobile: claimName('TT_OIDC_MOBILE_CLAIM', env.TT_OIDC_MOBILE_CLAIM, 'phone_number'),
    },
  };
}
