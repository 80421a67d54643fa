/**
 * Maps every error to the one error body: 4xx with a stable code, a Chinese message and the field.
 * Nothing a client sends may produce a 500; unexpected failures are logged and answered plainly.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorDetail } from '../errors.js';

const PLACE: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

function fieldOf(instancePath: string | undefined): string | undefined {
  if (!instancePath) return undefined;
  return instancePath.replace(/^\//, '').split('/').join('.') || undefined;
}

export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const e = error as FastifyError & { validation?: { keyword?: string; instancePath?: string; message?: string; params?: Record<string, unknown> }[] };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const details: ErrorDetail[] = e.validation.map((v) => {
      const keys = (v.params as { keys?: string[] } | undefined)?.keys;
      // Unknown fields: zod reports them on the parent object, with their names in params.keys.
      if (v.keyword === 'unrecognized_keys' && keys?.length) {
        const base = fieldOf(v.instancePath);
        return { field: keys.map((k) => (base ? `${base}.${k}` : k)).join(','), reason: `不允许的字段：${keys.join('、')}` };
      }
      return { field: fieldOf(v.instancePath), reason: v.message ?? '格式不正确' };
    });
    const first = details[0];
    const where = PLACE[e.validationContext ?? ''] ?? '';
    return new AppError('VALIDATION', `${where}${first?.field ? `字段 ${first.field} ` : ''}${first?.reason ?? '格式不正确'}`, {
      field: first?.field,
      details,
    });
  }
  if (e?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (e instanceof SyntaxError && e.statusCode === 400)) {
    return new AppError('VALIDATION', '请求体不是有效的 JSON', { field: 'body' });
  }
  if (e?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('VALIDATION', '不支持的 Content-Type', { field: 'content-type' });
  if (e?.code === 'FST_REQ_FILE_TOO_LARGE' || e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new AppError('PAYLOAD_TOO_LARGE', '上传内容超过大小限制', { field: 'file' });
  }
  // Two requests racing on one record: the loser's insert hits a unique index (PostgreSQL 23505,
  // SQLite's constraint) or its repeatable-read transaction cannot serialize (40001). A 409 says so.
  if (e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new AppError('CONFLICT', '该记录已由他人同时登记或修改，请刷新后查看');
  }
  if (e?.code === '40001' || e?.code === '40P01') return new AppError('CONFLICT', '该记录正由他人同时处理，请刷新后重试');
  if (e?.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('VALIDATION', '请以 multipart/form-data 上传文件', { field: 'file' });
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError('VALIDATION', e.message || '请求无效');
  }
  return null;
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error);
  if (appError) return reply.code(appError.status).send(appError.toBody());
  request.log.error({ err: error }, 'unexpected error');
  return reply.code(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后再试' } });
}
