/**
 * Reading an uploaded file, whole or not at all. @fastify/multipart's toBuffer() only notices the
 * size limit while chunks are still arriving: when busboy cuts the last chunk at the limit, the
 * loop ends with the file truncated and no error, and the route stored the first 20 MiB with a 201.
 * Every multipart route reads through here, which checks the truncation after the last chunk, and
 * refuses the file name when it holds control characters (it is stored and shown).
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { badTextReason } from './input-text.js';

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return Number.isInteger(mb) ? `${mb} MB` : `${mb.toFixed(1)} MB`;
}

export function tooLarge(limit: number, field = 'file', fileName?: string): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `${fileName ? `文件“${fileName}”` : '上传的文件'}超过大小限制 ${megabytes(limit)}，未保存`, { field });
}

/** The bytes of one part, or a 413 when it reached the limit (busboy truncates at exactly the limit). */
export async function bufferPart(part: MultipartFile, limit: number): Promise<Buffer> {
  const nameReason = part.filename ? badTextReason(part.filename) : null;
  if (nameReason) {
    part.file.resume();
    throw new AppError('VALIDATION', `文件名${nameReason}`, { field: part.fieldname });
  }
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limit, part.fieldname, part.filename);
    throw error;
  }
  if (part.file.truncated || data.length > limit) throw tooLarge(limit, part.fieldname, part.filename);
  return data;
}

/** The one file of a single-file upload (field `file`): its bytes and name, or a 400 / 413. */
export async function readUpload(req: FastifyRequest, limit: number): Promise<{ data: Buffer; filename: string }> {
  let file: MultipartFile | undefined;
  try {
    file = await req.file({ limits: { fileSize: limit, files: 1 } });
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limit);
    throw error;
  }
  if (!file) throw new AppError('VALIDATION', '请上传文件（字段名 file）', { field: 'file' });
  return { data: await bufferPart(file, limit), filename: file.filename };
}
