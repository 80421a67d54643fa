/**
 * What every request and response passes at the HTTP boundary, whichever route it reaches:
 * text with NUL, control characters or lone surrogates is refused with a 400 naming the field;
 * API answers are never cached (they carry personal data); HSTS and upgrade-insecure-requests are
 * sent only over HTTPS (over plain HTTP they would lock a browser out of an http:// install); and
 * Fastify's own refusals — a bad percent-encoding, oversized headers — come in the one error body.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { assertCleanText } from './input-text.js';

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

export function registerBoundaryHooks(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    assertCleanText(request.params, 'params');
    assertCleanText(request.query, 'query');
    assertCleanText(request.body, 'body');
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', HSTS_VALUE);
      const csp = reply.getHeader('content-security-policy');
      if (typeof csp === 'string' && !csp.includes('upgrade-insecure-requests')) reply.header('content-security-policy', `${csp};upgrade-insecure-requests`);
    }
    return payload;
  });
}

/** Fastify's routing refusals (options.frameworkErrors): a URL it cannot decode, a parameter too long. */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const appError =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new AppError('VALIDATION', '地址中的参数过长', { field: 'url' })
      : error.code === 'FST_ERR_BAD_URL'
        ? new AppError('VALIDATION', '地址中含有无效的百分号编码（%后应为两位十六进制数字，且须为有效的 UTF-8）', { field: 'url' })
        : new AppError('VALIDATION', '请求地址无效', { field: 'url' });
  reply.header('cache-control', 'no-store');
  return reply.code(appError.status).send(appError.toBody());
}

/** The Node server's refusals before Fastify sees a request (options.clientErrorHandler): 431, 408, 400. */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const appError =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError('HEADERS_TOO_LARGE', '请求头过大（例如 Cookie 过多或过长），请清除本站 Cookie 后重试', { field: 'headers' })
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new AppError('REQUEST_TIMEOUT', '请求超时，请重试')
        : new AppError('VALIDATION', '请求格式无效');
  if (socket.writable) {
    const body = JSON.stringify(appError.toBody());
    socket.write(
      `HTTP/1.1 ${appError.status} ${http.STATUS_CODES[appError.status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
