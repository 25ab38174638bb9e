// Reads the server name (SNI) from a TLS ClientHello without decrypting anything — what HAProxy's
// `req.ssl_sni` and nginx's `ssl_preread` do. The ClientHello is sent in the clear (RFC 8446
// §4.1.2; SNI is RFC 6066 §3, ALPN RFC 7301, supported_versions RFC 8446 §4.2.1), so an L4 proxy
// can route on it while the endpoint still terminates TLS.
//
// Garbage-safe by construction: every read is bounds-checked, lengths are capped, and any
// surprise yields `not-tls` instead of an exception.

export type ClientHelloParse =
  | { kind: "incomplete" }
  | { kind: "not-tls"; reason: string }
  | { kind: "client-hello"; sni: string | null; alpn: string[]; offersTls13: boolean };

/** TLSPlaintext.length must not exceed 2^14 (RFC 8446 §5.1). */
const MAX_RECORD = 16_384;
/** A ClientHello this large is not one we will wait for (post-quantum ones are ~2 KB). */
const MAX_HANDSHAKE = 32 * 1024;

class Truncated extends Error {}

class Reader {
  constructor(
    private readonly b: Buffer,
    public off = 0,
    private readonly end = b.length,
  ) {}
  u8(): number {
    if (this.off + 1 > this.end) throw new Truncated();
    return this.b[this.off++]!;
  }
  u16(): number {
    if (this.off + 2 > this.end) throw new Truncated();
    const v = this.b.readUInt16BE(this.off);
    this.off += 2;
    return v;
  }
  skip(n: number): void {
    if (this.off + n > this.end) throw new Truncated();
    this.off += n;
  }
  sub(n: number): Reader {
    if (this.off + n > this.end) throw new Truncated();
    const r = new Reader(this.b, this.off, this.off + n);
    this.off += n;
    return r;
  }
  bytes(n: number): Buffer {
    if (this.off + n > this.end) throw new Truncated();
    const v = this.b.subarray(this.off, this.off + n);
    this.off += n;
    return v;
  }
  get remaining(): number {
    return this.end - this.off;
  }
}

const HOSTNAME = /^[a-z0-9*_.-]{1,253}$/;

/** Parses as much of `buf` (the first bytes of a connection) as has arrived. */
export function parseClientHello(buf: Buffer): ClientHelloParse {
  if (buf.length >= 1 && buf[0] !== 0x16) return { kind: "not-tls", reason: `first byte 0x${buf[0]!.toString(16).padStart(2, "0")} is not a TLS handshake record` };
  if (buf.length >= 2 && buf[1] !== 0x03) return { kind: "not-tls", reason: "record version is not TLS (0x03xx)" };

  // A ClientHello may span several records (RFC 8446 §5.1 allows fragmenting handshake messages).
  const fragments: Buffer[] = [];
  let have = 0;
  let off = 0;
  for (;;) {
    if (buf.length < off + 5) return { kind: "incomplete" };
    if (buf[off] !== 0x16) return { kind: "not-tls", reason: "ClientHello interrupted by a non-handshake record" };
    if (buf[off + 1] !== 0x03) return { kind: "not-tls", reason: "record version is not TLS (0x03xx)" };
    const len = buf.readUInt16BE(off + 3);
    if (len === 0 || len > MAX_RECORD) return { kind: "not-tls", reason: `record length ${len} is out of range` };
    const body = buf.subarray(off + 5, Math.min(buf.length, off + 5 + len));
    fragments.push(body);
    have += body.length;
    const hs = fragments.length === 1 ? body : Buffer.concat(fragments, have);
    if (hs.length >= 1 && hs[0] !== 0x01) return { kind: "not-tls", reason: `handshake type ${hs[0]} is not a ClientHello` };
    if (hs.length >= 4) {
      const msgLen = (hs[1]! << 16) | (hs[2]! << 8) | hs[3]!;
      if (msgLen > MAX_HANDSHAKE) return { kind: "not-tls", reason: `ClientHello of ${msgLen} bytes is larger than we peek` };
      if (hs.length >= 4 + msgLen) return parseBody(hs.subarray(4, 4 + msgLen));
    }
    if (body.length < len) return { kind: "incomplete" };
    off += 5 + len;
  }
}

function parseBody(body: Buffer): ClientHelloParse {
  try {
    const r = new Reader(body);
    r.skip(2); // legacy_version
    r.skip(32); // random
    r.skip(r.u8()); // legacy_session_id
    r.skip(r.u16()); // cipher_suites
    r.skip(r.u8()); // legacy_compression_methods
    let sni: string | null = null;
    const alpn: string[] = [];
    let offersTls13 = false;
    if (r.remaining === 0) return { kind: "client-hello", sni, alpn, offersTls13 }; // pre-extension client
    const exts = r.sub(r.u16());
    while (exts.remaining > 0) {
      const type = exts.u16();
      const data = exts.sub(exts.u16());
      if (type === 0 && sni === null) {
        const list = data.sub(data.u16());
        while (list.remaining > 0) {
          const nameType = list.u8();
          const name = list.bytes(list.u16());
          if (nameType === 0) {
            const host = name.toString("latin1").toLowerCase();
            if (!HOSTNAME.test(host)) return { kind: "not-tls", reason: "SNI is not a valid host name" };
            sni = host;
            break;
          }
        }
      } else if (type === 16) {
        const list = data.sub(data.u16());
        while (list.remaining > 0 && alpn.length < 8) alpn.push(list.bytes(list.u8()).toString("latin1"));
      } else if (type === 43) {
        const list = data.sub(data.u8());
        while (list.remaining >= 2) if (list.u16() === 0x0304) offersTls13 = true;
      }
    }
    return { kind: "client-hello", sni, alpn, offersTls13 };
  } catch (err) {
    if (err instanceof Truncated) return { kind: "not-tls", reason: "ClientHello fields overrun their lengths" };
    return { kind: "not-tls", reason: "unparseable ClientHello" };
  }
}
