// Request bodies are read in full before the upstream request starts — nginx's default
// `proxy_request_buffering on`. It is what makes a retry on another endpoint possible (the body
// can be sent twice) and it bounds memory: bodies over the engine limit get 413 before any
// endpoint sees them.
import type http from "node:http";

export type BodyResult = { ok: true; body: Buffer | null } | { ok: false; reason: "too-large" | "aborted" };

/** True when the request head announces a body (RFC 9112 §6.3). */
export function hasBody(req: http.IncomingMessage): boolean {
  const cl = req.headers["content-length"];
  return (cl !== undefined && cl !== "0") || req.headers["transfer-encoding"] !== undefined;
}

export function readBody(req: http.IncomingMessage, limit: number, done: (r: BodyResult) => void): void {
  if (!hasBody(req)) return done({ ok: true, body: null });
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return done({ ok: false, reason: "too-large" });
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (r: BodyResult) => {
    if (finished) return;
    finished = true;
    req.off("data", onData);
    req.off("end", onEnd);
    req.off("error", onAbort);
    req.off("close", onClose);
    done(r);
  };
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      // Stop reading; the 413 goes out with Connection: close because the rest is unread.
      req.pause();
      return finish({ ok: false, reason: "too-large" });
    }
    chunks.push(chunk);
  };
  const onEnd = () => finish({ ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
  const onAbort = () => finish({ ok: false, reason: "aborted" });
  const onClose = () => {
    if (!req.complete) onAbort();
  };
  req.on("data", onData);
  req.on("end", onEnd);
  req.on("error", onAbort);
  req.on("close", onClose);
}
