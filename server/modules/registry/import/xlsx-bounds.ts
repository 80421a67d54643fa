/**
 * Bounds an uploaded XLSX before it is parsed (issue 12, defect 8). An XLSX is a zip: a few hundred
 * KB can inflate to gigabytes, which the workbook parser would spend seconds of CPU and all the
 * memory on before failing. The central directory says how many entries there are and how big each
 * is once inflated, so that is read first (fflate, without inflating anything); then the entries are
 * inflated once as a stream, counting bytes and stopping at the bound, because a forged directory
 * could under-state the sizes.
 */
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { AppError } from '../../../errors.js';

/** Far above a real import (a 100 000-row sheet is ~100 MB of XML), far below what hurts the server. */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;
/** A workbook has a few dozen parts; thousands are only there to cost time. */
export const MAX_XLSX_ENTRIES = 1000;

const MB = 1024 * 1024;

function tooBig(fileName: string, reason: string): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `文件“${fileName || '上传的 XLSX'}”${reason}，未导入任何数据`, { field: 'file' });
}

export function assertXlsxWithinBounds(data: Uint8Array, fileName: string): void {
  let entries = 0;
  let declared = 0;
  try {
    unzipSync(data, {
      filter: (f) => {
        entries += 1;
        declared += f.originalSize;
        if (entries > MAX_XLSX_ENTRIES) throw tooBig(fileName, `包含的部件超过 ${MAX_XLSX_ENTRIES} 个（不是正常的 Excel 工作簿）`);
        if (declared > MAX_XLSX_UNCOMPRESSED_BYTES) {
          throw tooBig(fileName, `解压后超过 ${MAX_XLSX_UNCOMPRESSED_BYTES / MB} MB（疑似压缩炸弹），请拆分后分批导入`);
        }
        return false; // read the directory only; nothing is inflated here
      },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    return; // not a readable zip: the workbook parser reports it in its own words
  }
  let inflated = 0;
  const unzip = new Unzip((file) => {
    file.ondata = (err, chunk) => {
      if (err) throw err;
      inflated += chunk.length;
      if (inflated > MAX_XLSX_UNCOMPRESSED_BYTES) {
        file.terminate();
        throw tooBig(fileName, `解压后超过 ${MAX_XLSX_UNCOMPRESSED_BYTES / MB} MB（疑似压缩炸弹），请拆分后分批导入`);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(data, true);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A malformed entry: left to the workbook parser to report.
  }
}
