/**
 * Single sign-on as the server presents it to the web: whether the login page offers it, what a
 * first-time identity pre-fills on the registration form, and why a sign-on came back to the login
 * page (the reason travels in the address as ?sso=…, the page shows the sentence, never the code).
 */

/** GET /api/auth/options: what the login page offers beside the password. */
export interface AuthOptions {
  sso: { label: string } | null;
}

/** GET /api/auth/oidc/pending: what the provider told about a first-time identity. */
export interface OidcPendingView {
  claims: {
    unitName?: string;
    creditCode?: string;
    personName?: string;
    mobile?: string;
  };
  expiresAt: string;
}

export const SSO_OUTCOMES = ['denied', 'expired', 'failed', 'disabled', 'unavailable', 'off'] as const;
export type SsoOutcome = (typeof SSO_OUTCOMES)[number];

export const SSO_OUTCOME_TEXT: Record<SsoOutcome, { zh: string; en: string }> = {
  denied: { zh: '您在统一身份认证页面取消了登录或未同意授权，未登录本平台。', en: 'You cancelled the sign-on or did not grant access; you are not logged in.' },
  expired: { zh: '统一身份认证登录已过期或不是从本页面发起的，请重新点击统一身份认证登录。', en: 'The sign-on expired or was not started here; please start it again.' },
  failed: { zh: '统一身份认证未能确认您的身份，请重试；如仍不成功，请使用用户名和密码登录或联系管理员。', en: 'The sign-on could not confirm who you are; try again, or log in with your password.' },
  disabled: { zh: '与该统一身份认证身份关联的账号已停用，请联系本单位管理员或科技局。', en: 'The account linked to this identity is disabled; contact your unit admin or the bureau.' },
  unavailable: { zh: '暂时无法连接统一身份认证服务，请稍后重试，或使用用户名和密码登录。', en: 'The sign-on service cannot be reached now; try later or log in with your password.' },
  off: { zh: '本平台未开通统一身份认证登录，请使用用户名和密码登录。', en: 'Single sign-on is not enabled here; log in with your password.' },
};

export const isSsoOutcome = (value: string | null): value is SsoOutcome => !!value && (SSO_OUTCOMES as readonly string[]).includes(value);
