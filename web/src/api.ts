/**
 * The one HTTP client of the web app. Every request to the server goes through `api()`
 * (JSON) or `uploadFile()` (multipart with progress); pages reach both only through the
 * React Query hooks in ./queries.
 *
 * - Same-origin credentials (the session cookie `tt_session` is HttpOnly).
 * - CSRF double-submit: state-changing requests send `x-csrf-token`, taken from the last
 *   login / `/api/auth/me` answer, or else from the readable cookie `tt_csrf`.
 * - Errors become `ApiError` with the server's code, Chinese message, field and details.
 * - A 401 on anything but the auth endpoints hands control to the registered handler
 *   (the router sends the user to /login).
 */

export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'LOCKED'
  | 'IMPORT_INVALID'
  | 'CSRF'
  | 'NETWORK'
  | 'HTTP';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | string;
  readonly field: string | undefined;
  readonly details: unknown[];

  constructor(init: { status: number; code: string; message: string; field?: string; details?: unknown[] }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.field = init.field;
    this.details = init.details ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** What a failed request says, for a message or an alert. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The same, for forms whose fields are not on screen. The server's message already names the field
 * in Chinese; the field's code (`reviewer`, `application.creditCode`) is for programs, never shown.
 */
export function errorTextWithField(error: unknown): string {
  return errorText(error);
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function readCookie(name: string): string | null {
  const hit = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null;
}

export function currentCsrfToken(): string | null {
  return csrfToken ?? readCookie('tt_csrf');
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | null = null;

/** The router registers how to go to the login page; see `UnauthorizedRedirect`. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  onUnauthorized = handler;
}

function handleUnauthorized(path: string, status: number): void {
  if (status === 401 && !path.startsWith('/api/auth/')) {
    csrfToken = null;
    onUnauthorized?.();
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** `/api/x` plus the defined, non-empty query parameters. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Reads the `{error: {...}}` body of a failed answer into an ApiError. */
export function errorFromBody(status: number, body: unknown, fallback: string): ApiError {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (error && typeof error === 'object') {
    return new ApiError({
      status,
      code: typeof error.code === 'string' ? error.code : 'HTTP',
      message: typeof error.message === 'string' && error.message ? error.message : fallback,
      field: typeof error.field === 'string' ? error.field : undefined,
      details: Array.isArray(error.details) ? error.details : [],
    });
  }
  return new ApiError({ status, code: status === 401 ? 'UNAUTHENTICATED' : 'HTTP', message: fallback });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method)) {
    const token = currentCsrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'NETWORK', message: '无法连接服务器，请检查网络后重试' });
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    handleUnauthorized(path, response.status);
    throw errorFromBody(response.status, body, `请求失败（HTTP ${response.status}）`);
  }
  return body as T;
}

export interface UploadHandle {
  abort: () => void;
  done: Promise<unknown>;
}

/**
 * POSTs one file as multipart field `file` with XMLHttpRequest, so the caller can show
 * upload progress (fetch cannot report it). Resolves with the JSON answer; rejects with ApiError.
 */
export function uploadFile(path: string, file: Blob & { name?: string }, onProgress: (percent: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<unknown>((resolve, reject) => {
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'NETWORK', message: '上传失败：无法连接服务器' }));
    xhr.onabort = () => reject(new ApiError({ status: 0, code: 'NETWORK', message: '上传已取消' }));
    xhr.onload = () => {
      onProgress(100);
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body);
      } else {
        handleUnauthorized(path, xhr.status);
        reject(errorFromBody(xhr.status, body, `上传失败（HTTP ${xhr.status}）`));
      }
    };
    const form = new FormData();
    form.append('file', file, file.name ?? 'upload');
    xhr.send(form);
  });
  return { abort: () => xhr.abort(), done };
}

/**
 * POSTs a multipart form of several fields and files (the public registration form: its fields as
 * JSON plus the evidence files) and answers the JSON; errors as ApiError, like `api()`.
 */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = currentCsrfToken();
  if (token) headers['x-csrf-token'] = token;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: form });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', message: '提交失败：无法连接服务器，请检查网络后重试' });
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    handleUnauthorized(path, response.status);
    throw errorFromBody(response.status, body, `提交失败（HTTP ${response.status}）`);
  }
  return body as T;
}
