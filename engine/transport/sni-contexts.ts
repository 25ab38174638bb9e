// Server-side TLS for an L7 listener: one certificate per virtual host, chosen by the SNI name
// in the ClientHello (RFC 6066 §3). Like nginx's `server_name` + `ssl_certificate` per server
// block, a ClientHello without SNI (or with an unknown name) gets the first virtual host's
// certificate — nginx calls that the default server.
//
// Certificates are issued up front (fast, see ca.ts), but OpenSSL takes ~1 ms to load a key and
// certificate into a context, so contexts are built on the first handshake that needs them. The
// default host's certificate is the server's own (its key/cert options): the SNICallback answers
// "no override" for it, and a lab with one virtual host builds exactly one context.
import tls from "node:tls";
import type { LabCertificateAuthority } from "../contracts";

export interface VirtualHostCert {
  /** The virtual host name as written in the spec (may be a wildcard like *.lab.test). */
  hostname: string;
  /** Built on first use (the default host never needs one: it is the server's own). */
  context(): tls.SecureContext;
  certPem: string;
  keyPem: string;
}

export interface SniContexts {
  readonly hosts: readonly VirtualHostCert[];
  readonly defaultHost: VirtualHostCert;
  /** Which virtual host answers this SNI name (exact, then one-label wildcard, then default). */
  lookup(servername: string | null | undefined): VirtualHostCert;
  /** For tls.createServer({ SNICallback }). Never fails: unknown names get the default cert.
   *  Calling back without a context keeps the server's default (Node's _tls_wrap loadSNI). */
  SNICallback(servername: string, cb: (err: Error | null, ctx?: tls.SecureContext) => void): void;
}

/** RFC 6125 §6.4.3: a wildcard matches exactly one left-most label. */
export function hostMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (!pattern.startsWith("*.")) return false;
  const dot = name.indexOf(".");
  return dot > 0 && name.slice(dot + 1) === pattern.slice(2);
}

export async function createSniContexts(ca: LabCertificateAuthority, hostnames: readonly string[]): Promise<SniContexts> {
  const names = hostnames.length > 0 ? [...new Set(hostnames.map((h) => h.toLowerCase()))] : ["lab.test"];
  const hosts = await Promise.all(
    names.map(async (hostname): Promise<VirtualHostCert> => {
      const { keyPem, certPem } = await ca.issue([hostname]);
      let context: tls.SecureContext | null = null;
      // Send the chain (leaf + CA) so clients that were handed only the CA can verify.
      const build = () => (context ??= tls.createSecureContext({ key: keyPem, cert: certPem + ca.caCertPem, minVersion: "TLSv1.2" }));
      return { hostname, context: build, certPem, keyPem };
    }),
  );
  const exact = new Map(hosts.filter((h) => !h.hostname.startsWith("*.")).map((h) => [h.hostname, h]));
  const wild = hosts.filter((h) => h.hostname.startsWith("*."));
  const defaultHost = hosts[0]!;
  const lookup = (servername: string | null | undefined): VirtualHostCert => {
    if (!servername) return defaultHost;
    const name = servername.toLowerCase();
    return exact.get(name) ?? wild.find((h) => hostMatches(h.hostname, name)) ?? defaultHost;
  };
  return {
    hosts,
    defaultHost,
    lookup,
    SNICallback(servername, cb) {
      const host = lookup(servername);
      if (host === defaultHost) cb(null);
      else cb(null, host.context());
    },
  };
}
