// Holds a new connection's first bytes until the ClientHello can be read, HAProxy-style
// (`tcp-request inspect-delay` + `req.ssl_hello_type`): bounded in bytes and in time. The bytes
// are kept, not consumed — the listener forwards them to the endpoint, which does the handshake.
import type net from "node:net";
import { parseClientHello, type ClientHelloParse } from "./client-hello";

export type PeekOutcome = ClientHelloParse | { kind: "timeout" } | { kind: "closed" };

export interface PeekOptions {
  maxBytes: number;
  timeoutMs: number;
}

/** Calls back once; the socket is paused afterwards so no byte is lost before piping. */
export function peekClientHello(socket: net.Socket, options: PeekOptions, done: (outcome: PeekOutcome, buffered: Buffer) => void): void {
  let buffered: Buffer = Buffer.alloc(0);
  let finished = false;
  const finish = (outcome: PeekOutcome) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    socket.removeListener("data", onData);
    socket.removeListener("end", onEnd);
    socket.removeListener("close", onClose);
    socket.pause();
    done(outcome, buffered);
  };
  const onData = (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    const parsed = parseClientHello(buffered);
    if (parsed.kind !== "incomplete") return finish(parsed);
    if (buffered.length >= options.maxBytes) finish({ kind: "not-tls", reason: `no complete ClientHello in the first ${options.maxBytes} bytes` });
  };
  // A client that half-closes mid-hello will never finish it: route what we have.
  const onEnd = () => finish({ kind: "not-tls", reason: "client closed before a complete ClientHello" });
  const onClose = () => finish({ kind: "closed" });
  const timer = setTimeout(() => finish({ kind: "timeout" }), options.timeoutMs);
  socket.on("data", onData);
  socket.once("end", onEnd);
  socket.once("close", onClose);
  socket.resume(); // accepted paused (pauseOnConnect): a 'data' listener alone does not start it
}
