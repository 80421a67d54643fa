/**
 * Real zip bombs for tests: valid zip files whose entries inflate far beyond their size. The deflate
 * stream of zeros is one flushed block repeated (the window is all zeros either way, so the repeated
 * block decodes the same), so a GiB costs a few hundred KB and no GiB is ever allocated here.
 */
import zlib from 'node:zlib';

export interface BombEntry {
  name: string;
  /** Bytes of zeros the entry inflates to (a multiple of 1 MiB). */
  zeros?: number;
  /** Stored as is, e.g. a small XML part. */
  text?: string;
  /** The size written in the headers, when it should lie (a forged directory). */
  declaredSize?: number;
}

const CHUNK = 1024 * 1024;

function deflatedZeros(total: number): { data: Buffer; crc: number } {
  const zeros = Buffer.alloc(CHUNK);
  const block = zlib.deflateRawSync(zeros, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const count = Math.ceil(total / CHUNK);
  let crc = 0;
  for (let i = 0; i < count; i++) crc = zlib.crc32(zeros, crc);
  const final = Buffer.from([0x03, 0x00]); // an empty final fixed-Huffman block
  return { data: Buffer.concat([...Array.from({ length: count }, () => block), final]), crc };
}

export function zipBomb(entries: BombEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const { data, crc, size, method } = e.text !== undefined
      ? { data: Buffer.from(e.text), crc: zlib.crc32(Buffer.from(e.text)), size: Buffer.byteLength(e.text), method: 0 }
      : { ...deflatedZeros(e.zeros ?? CHUNK), size: e.zeros ?? CHUNK, method: 8 };
    const declared = e.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An XLSX whose one sheet inflates to `bytes` of zeros. */
export function xlsxBomb(bytes: number, declaredSize?: number): Buffer {
  return zipBomb([
    { name: '[Content_Types].xml', text: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: 'xl/workbook.xml', text: '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>' },
    { name: 'xl/worksheets/sheet1.xml', zeros: bytes, declaredSize },
  ]);
}
