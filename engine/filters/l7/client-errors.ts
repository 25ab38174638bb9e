// What the listener answers when the downstream breaks HTTP itself. Node's llhttp parser (strict
// mode) rejects the request-smuggling shapes RFC 9112 forbids — Content-Length together with
// Transfer-Encoding (§6.1), differing duplicate Content-Lengths (§6.3), obs-fold line folding
// (§5.2), invalid chunk sizes (§7.1) — and the server connection refuses heads over the size
// limit, bodies over the engine's limit and clients too slow to send a request. Each becomes the
// status a real proxy sends, with a JSON body naming the parser's reason. The connection is then
// closed: after a framing error nothing later on it can be trusted (nginx and HAProxy do the same).
import type { Answer, Refusal } from "../../http1/server-connection";
import { PROXY_ERRORS, errorAnswer, type ProxyErrorSpec } from "./proxy-errors";

const BY_STATUS: Record<Refusal, ProxyErrorSpec> = {
  400: PROXY_ERRORS.badRequest,
  408: PROXY_ERRORS.requestTimeout,
  413: PROXY_ERRORS.bodyTooLarge,
  431: PROXY_ERRORS.headersTooLarge,
};

export function refusalAnswer(status: Refusal, detail: string, via: string): Answer {
  return errorAnswer(BY_STATUS[status], ["via", `1.1 ${via}`], detail);
}
