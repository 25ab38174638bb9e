// PROXY protocol version 1 (HAProxy's proxy-protocol.txt, section 2.1): one human-readable line
// an L4 proxy sends before the client's bytes so the endpoint learns the real client address —
// an L4 proxy cannot add X-Forwarded-For because it never parses the payload.
//   "PROXY TCP4 <src addr> <dst addr> <src port> <dst port>\r\n", at most 107 bytes.
import { isIPv4, isIPv6 } from "node:net";
import type { Address } from "../../api/schema";

/** The longest legal v1 header, CRLF included (spec section 2.1). */
export const PROXY_V1_MAX = 107;
const SIGNATURE = Buffer.from("PROXY ");

export interface ProxyHeader {
  /** The line as received, without CRLF. */
  raw: string;
  family: "TCP4" | "TCP6" | "UNKNOWN";
  source: Address | null;
  destination: Address | null;
}

export type ProxyParse =
  | { kind: "none" }
  | { kind: "incomplete" }
  | { kind: "invalid"; reason: string }
  | { kind: "ok"; header: ProxyHeader; length: number };

/** "::ffff:127.0.0.1" → "127.0.0.1": a v4 client reaching a dual-stack socket is still TCP4. */
const unmap = (address: string) => (address.startsWith("::ffff:") && isIPv4(address.slice(7)) ? address.slice(7) : address);

export function encodeProxyV1(source: Address, destination: Address): string {
  const src = unmap(source.address);
  const dst = unmap(destination.address);
  if (isIPv4(src) && isIPv4(dst)) return `PROXY TCP4 ${src} ${dst} ${source.port} ${destination.port}\r\n`;
  if (isIPv6(src) && isIPv6(dst)) return `PROXY TCP6 ${src} ${dst} ${source.port} ${destination.port}\r\n`;
  return "PROXY UNKNOWN\r\n";
}

const port = (s: string | undefined) => (s !== undefined && /^(0|[1-9][0-9]{0,4})$/.test(s) && Number(s) <= 65535 ? Number(s) : null);

/** Looks at the first bytes of a connection. Never throws, whatever the bytes are. */
export function parseProxyV1(buf: Buffer): ProxyParse {
  const n = Math.min(buf.length, SIGNATURE.length);
  if (buf.compare(SIGNATURE, 0, n, 0, n) !== 0) return { kind: "none" };
  const end = buf.indexOf("\r\n", 0, "latin1");
  if (end === -1 || end + 2 > PROXY_V1_MAX) {
    return buf.length >= PROXY_V1_MAX || end + 2 > PROXY_V1_MAX ? { kind: "invalid", reason: "no CRLF within 107 bytes" } : { kind: "incomplete" };
  }
  const raw = buf.toString("latin1", 0, end);
  const parts = raw.split(" ");
  const family = parts[1];
  if (family === "UNKNOWN") return { kind: "ok", header: { raw, family, source: null, destination: null }, length: end + 2 };
  if ((family !== "TCP4" && family !== "TCP6") || parts.length !== 6) return { kind: "invalid", reason: `malformed header "${raw.slice(0, 60)}"` };
  const [, , src, dst, sp, dp] = parts;
  const validIp = family === "TCP4" ? isIPv4 : isIPv6;
  const srcPort = port(sp);
  const dstPort = port(dp);
  if (!src || !dst || !validIp(src) || !validIp(dst) || srcPort === null || dstPort === null)
    return { kind: "invalid", reason: `malformed addresses in "${raw.slice(0, 60)}"` };
  return {
    kind: "ok",
    header: { raw, family, source: { address: src, port: srcPort }, destination: { address: dst, port: dstPort } },
    length: end + 2,
  };
}
