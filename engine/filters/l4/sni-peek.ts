// Holds a new connection's first bytes until the ClientHello can be read, HAProxy-style
// (`tcp-request inspect-delay` + `req.ssl_hello_type`): bounded in bytes and in time. The bytes
// are kept, not consumed — the listener forwards them to the endpoint, which does the handshake.
//
// ClientHelloPeek knows nothing of sockets: each L4 transport (net-session.ts, libuv-session.ts)
// feeds it what it reads and stops reading once it calls back.
import { parseClientHello, type ClientHelloParse } from "./client-hello";

export type PeekOutcome = ClientHelloParse | { kind: "timeout" } | { kind: "closed" };

export interface PeekOptions {
  maxBytes: number;
  timeoutMs: number;
}

export type PeekDone = (outcome: PeekOutcome, buffered: Buffer) => void;

export class ClientHelloPeek {
  private buffered: Buffer = Buffer.alloc(0);
  private finished = false;
  private readonly timer: NodeJS.Timeout;

  /** `stopReading` runs once, just before `done`, so no byte is read past the peek. */
  constructor(
    private readonly options: PeekOptions,
    private readonly stopReading: () => void,
    private readonly done: PeekDone,
  ) {
    this.timer = setTimeout(() => this.finish({ kind: "timeout" }), options.timeoutMs);
  }

  data(chunk: Uint8Array): void {
    if (this.finished) return;
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.buffered = this.buffered.length === 0 ? bytes : Buffer.concat([this.buffered, bytes]);
    const parsed = parseClientHello(this.buffered);
    if (parsed.kind !== "incomplete") return this.finish(parsed);
    if (this.buffered.length >= this.options.maxBytes) this.finish({ kind: "not-tls", reason: `no complete ClientHello in the first ${this.options.maxBytes} bytes` });
  }

  /** A client that half-closes mid-hello will never finish it: route what we have. */
  end(): void {
    this.finish({ kind: "not-tls", reason: "client closed before a complete ClientHello" });
  }

  closed(): void {
    this.finish({ kind: "closed" });
  }

  private finish(outcome: PeekOutcome): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    this.stopReading();
    this.done(outcome, this.buffered);
  }
}
