/**
 * Record ids: UUID version 7 (RFC 9562) — a millisecond timestamp then random bits. Time order
 * keeps primary-key inserts at the right edge of the B-tree, which matters for bulk imports.
 */
import crypto from 'node:crypto';

let lastMs = 0;
let sequence = 0;

export function newId(now = Date.now()): string {
  // Within one millisecond, a counter in the random field keeps ids increasing.
  if (now <= lastMs) {
    sequence += 1;
    now = lastMs;
  } else {
    lastMs = now;
    sequence = crypto.randomInt(0, 1024);
  }
  const bytes = crypto.randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
