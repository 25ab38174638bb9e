// What the listener answers when the downstream breaks HTTP itself. Node's llhttp parser (strict
// mode: `insecureHTTPParser` off) rejects the request-smuggling shapes RFC 9112 forbids —
// Content-Length together with Transfer-Encoding (§6.1), differing duplicate Content-Lengths
// (§6.3), obs-fold line folding (§5.2), invalid chunk sizes (§7.1) — and we turn each into the
// status a real proxy sends, with a JSON body naming the parser's reason. The connection is then
// closed: after a framing error nothing later on it can be trusted (nginx and HAProxy do the same).
import type { Duplex } from "node:stream";
import { PROXY_ERRORS, sendRawError } from "./proxy-errors";

export interface ClientErrorOutcome {
  status: number | null;
  reason: string;
}

export function answerClientError(err: NodeJS.ErrnoException & { reason?: string; rawPacket?: Buffer }, socket: Duplex): ClientErrorOutcome {
  const code = err.code ?? "UNKNOWN";
  // Resets and broken pipes: nobody is listening for an answer.
  if (code === "ECONNRESET" || code === "EPIPE" || !socket.writable) {
    socket.destroy();
    return { status: null, reason: `downstream ${code}` };
  }
  // A response is already on the wire (pipelined request after garbage): don't interleave.
  const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (pending?.headersSent) {
    socket.destroy();
    return { status: null, reason: `downstream ${code} mid-response` };
  }
  const detail = `${code}${err.reason ? ` (${err.reason})` : ""}`;
  if (code === "HPE_HEADER_OVERFLOW") {
    sendRawError(socket, PROXY_ERRORS.headersTooLarge, detail);
    return { status: 431, reason: `431 ${detail}` };
  }
  if (code === "ERR_HTTP_REQUEST_TIMEOUT" || code === "HPE_HEADERS_TIMEOUT") {
    sendRawError(socket, PROXY_ERRORS.requestTimeout, detail);
    return { status: 408, reason: `408 ${detail}` };
  }
  sendRawError(socket, PROXY_ERRORS.badRequest, detail);
  return { status: 400, reason: `400 ${detail}` };
}
