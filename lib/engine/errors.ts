// Errors the web app's engine client raises. Each has a stable `code` the browser switches on,
// the HTTP status the relay answers with, and a message a learner can act on — never the engine's
// internals or its token.
import type { ApiProblem } from "@/engine/api/schema";

export type LabErrorCode =
  | "INVALID_INPUT"
  | "UNKNOWN_SCENARIO"
  | "LAB_NOT_FOUND"
  | "LAB_LIMIT"
  | "RATE_LIMITED"
  | "TRAFFIC_LIMIT"
  | "ENGINE_UNAVAILABLE"
  | "ENGINE_TIMEOUT"
  | "ENGINE_ERROR";

const statusByCode: Record<LabErrorCode, number> = {
  INVALID_INPUT: 400,
  UNKNOWN_SCENARIO: 404,
  LAB_NOT_FOUND: 404,
  LAB_LIMIT: 429,
  RATE_LIMITED: 429,
  TRAFFIC_LIMIT: 422,
  ENGINE_UNAVAILABLE: 503,
  ENGINE_TIMEOUT: 504,
  ENGINE_ERROR: 502,
};

export class LabError extends Error {
  readonly status: number;
  constructor(
    readonly code: LabErrorCode,
    message: string,
    readonly problems?: ApiProblem[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "LabError";
    this.status = statusByCode[code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.problems ? { problems: this.problems } : {}) } };
  }
}

/** The engine's own error body (engine/api/errors.ts) mapped to what the browser may see. */
export function fromEngineError(status: number, body: unknown): LabError {
  const e = (body as { error?: { code?: string; message?: string; problems?: ApiProblem[] } } | null)?.error;
  const code = e?.code ?? "";
  if (status === 400) return new LabError("INVALID_INPUT", e?.message ?? "The engine rejected the request.", e?.problems);
  if (status === 404) return new LabError("LAB_NOT_FOUND", "This lab no longer exists (it was deleted or reclaimed after being idle). Start a fresh one.");
  if (code === "lab_limit_owner") return new LabError("LAB_LIMIT", "You already have the most labs open that one learner may. Close another lab tab, or wait a few minutes for it to be reclaimed.");
  if (code === "lab_limit_total") return new LabError("LAB_LIMIT", "The lab engine is full right now. Try again in a few minutes.");
  if (status === 401 || status === 403) {
    // A token mismatch is an operator problem, not the learner's; say nothing about the token.
    console.error("[labs] the engine refused the service token; are the site and engine from the same start?");
    return new LabError("ENGINE_UNAVAILABLE", "The lab engine is not available right now.");
  }
  if (status === 503) return new LabError("ENGINE_UNAVAILABLE", "The lab engine is restarting. Try again in a moment.");
  return new LabError("ENGINE_ERROR", "The lab engine hit an error. Try again; if it keeps happening, reload the page.");
}
