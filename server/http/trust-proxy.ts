/**
 * TT_TRUST_PROXY: the addresses or networks (CIDR) of the reverse proxies in front of the
 * platform. X-Forwarded-For is believed only when the connection comes from one of them, so a
 * client cannot choose the address the login limit counts or the audit log records. The old
 * "1" (believe every peer) is refused: it let any client forge its address.
 */
import net from 'node:net';

/** Names proxy-addr (Fastify's trustProxy) understands for whole ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrNetwork(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const family = net.isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** The trusted proxies from the environment value, or false when none is set. Throws on a bad entry. */
export function parseTrustProxy(value: string | undefined): string[] | false {
  const text = (value ?? '').trim();
  if (!text) return false;
  if (text === '1' || text.toLowerCase() === 'true') {
    throw new Error('TT_TRUST_PROXY 须填写受信任反向代理的地址或网段（如 127.0.0.1 或 10.0.0.0/8，多个用逗号分隔），不再接受 1：那样任何客户端都能伪造自己的地址');
  }
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrNetwork(e));
  if (bad.length) throw new Error(`TT_TRUST_PROXY 中这些不是地址或网段：${bad.join('、')}（示例：127.0.0.1,10.0.0.0/8）`);
  return entries;
}
