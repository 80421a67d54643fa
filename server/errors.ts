/**
 * One error type for the whole server. Codes are stable for programs; messages are Chinese for
 * people. The HTTP status of each code lives in one table.
 */
export const ERROR_STATUS = {
  VALIDATION: 400,
  IMPORT_INVALID: 400,
  CSRF: 403,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  LOCKED: 423,
  RATE_LIMITED: 429,
  // Refused by the Node server before a route sees the request (server/http/boundary.ts).
  REQUEST_TIMEOUT: 408,
  HEADERS_TOO_LARGE: 431,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  /** 1-based line of an import file (header = line 1), when the error is about a file row. */
  line?: number;
  column?: string;
  field?: string;
  value?: string;
  reason: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { field?: string; details?: ErrorDetail[] } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.options.field ? { field: this.options.field } : {}),
        ...(this.options.details ? { details: this.options.details } : {}),
      },
    };
  }
}

export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what}不存在：${id}`);
