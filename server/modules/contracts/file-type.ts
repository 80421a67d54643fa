/**
 * Evidence files (vouchers, invoices): what a file is, by its first bytes — never by its name.
 * PDF, JPEG, PNG and OFD (GB/T 33190, the Chinese fixed-layout format of e-invoices: a ZIP package
 * whose root holds OFD.xml).
 */
import crypto from 'node:crypto';

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export const EVIDENCE_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/ofd': 'ofd',
} as const;
export type EvidenceMime = keyof typeof EVIDENCE_TYPES;

const starts = (data: Buffer, bytes: number[]) => data.length >= bytes.length && bytes.every((b, i) => data[i] === b);

/** The MIME type the content really has, or null when it is none of the accepted types. */
export function sniffEvidenceType(data: Buffer): EvidenceMime | null {
  if (starts(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // A ZIP (PK\3\4) is an OFD when a member is named OFD.xml (case-insensitive, at the package root).
  if (starts(data, [0x50, 0x4b, 0x03, 0x04]) && hasZipEntry(data, 'ofd.xml')) return 'application/ofd';
  return null;
}

/** Looks for a member name in a ZIP's local file headers (enough to tell an OFD from other ZIPs). */
function hasZipEntry(data: Buffer, lowerName: string): boolean {
  let offset = 0;
  for (let i = 0; i < 10_000 && offset + 30 <= data.length; i++) {
    if (data.readUInt32LE(offset) !== 0x04034b50) return false;
    const compressed = data.readUInt32LE(offset + 18);
    const nameLength = data.readUInt16LE(offset + 26);
    const extraLength = data.readUInt16LE(offset + 28);
    const name = data.subarray(offset + 30, offset + 30 + nameLength).toString('utf8').toLowerCase();
    if (name === lowerName || name === `/${lowerName}`) return true;
    const flags = data.readUInt16LE(offset + 6);
    if (flags & 0x08) return false; // sizes follow the data: stop rather than guess
    offset += 30 + nameLength + extraLength + compressed;
  }
  return false;
}

export function sha256Hex(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}
