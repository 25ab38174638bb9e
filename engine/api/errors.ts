// Errors with a stable `code` (clients switch on it, never on the message — undici's
// lib/core/errors.js does the same) and the hop they came from: the downstream (the client's
// bytes), the proxy/engine itself, or the upstream (an endpoint).
import type { ApiError, ApiProblem } from "./schema";

export type ErrorOrigin = "downstream" | "proxy" | "upstream" | "engine";

export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 500,
    readonly origin: ErrorOrigin = "engine",
    readonly problems?: ApiProblem[],
  ) {
    super(message);
    this.name = "EngineError";
  }

  toJSON(): ApiError {
    return {
      error: { code: this.code, message: this.message, origin: this.origin, ...(this.problems ? { problems: this.problems } : {}) },
    };
  }
}

export const isEngineError = (e: unknown): e is EngineError => e instanceof EngineError;

/** Node's errno codes from sockets, mapped to something a learner can read. */
export function describeSocketError(err: unknown): { code: string; message: string } {
  const e = err as NodeJS.ErrnoException | undefined;
  const code = typeof e?.code === "string" ? e.code : "UNKNOWN";
  const known: Record<string, string> = {
    ECONNREFUSED: "connection refused (nothing listening)",
    ECONNRESET: "connection reset by peer",
    ETIMEDOUT: "timed out",
    EPIPE: "peer closed the connection while we were writing",
    EADDRNOTAVAIL: "source address not available",
    EADDRINUSE: "address already in use",
  };
  return { code, message: known[code] ?? (e?.message || "socket error") };
}
