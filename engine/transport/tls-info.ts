// What a learner sees for a TLS hop: the same fields `openssl s_client` prints
// (Protocol, Cipher, server name, the certificate's subject, ALPN, New or Reused).
import type tls from "node:tls";

export interface TlsHandshakeInfo {
  sni: string | null;
  version: string | null;
  cipher: string | null;
  certificate: string | null;
  alpn: string | null;
  /** The handshake resumed an earlier session (a ticket): no certificate was sent or checked. */
  resumed: boolean;
}

function describeCert(cert: tls.PeerCertificate | object | null): string | null {
  if (!cert || !("subject" in cert) || !cert.subject) return null;
  const c = cert as tls.PeerCertificate;
  const cn = Array.isArray(c.subject.CN) ? c.subject.CN.join(",") : c.subject.CN;
  const issuer = Array.isArray(c.issuer?.CN) ? c.issuer.CN.join(",") : c.issuer?.CN;
  return `CN=${cn ?? "?"}${c.subjectaltname ? ` (${c.subjectaltname})` : ""}${issuer ? ` issued by ${issuer}` : ""}`;
}

/** side "downstream": the certificate we presented; "upstream": the one the endpoint presented. */
export function describeTls(socket: tls.TLSSocket, side: "downstream" | "upstream", sni?: string | null): TlsHandshakeInfo {
  const cipher = socket.getCipher?.();
  const cert = side === "downstream" ? socket.getCertificate?.() : socket.getPeerCertificate?.(false);
  const servername = (socket as tls.TLSSocket & { servername?: string | false }).servername;
  return {
    sni: sni !== undefined ? sni : typeof servername === "string" ? servername : null,
    version: socket.getProtocol?.() ?? null,
    cipher: cipher?.standardName ?? cipher?.name ?? null,
    certificate: describeCert(cert ?? null),
    alpn: typeof socket.alpnProtocol === "string" ? socket.alpnProtocol : null,
    resumed: socket.isSessionReused?.() ?? false,
  };
}
