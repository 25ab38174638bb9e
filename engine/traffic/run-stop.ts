// Why a traffic run ended early. The reason travels as the run's AbortSignal reason, so the
// pacing wait, every kind of exchange and the requests never sent all report the same code and
// words, whichever of the three stopped the run.
export interface RunStop {
  code: "ABORTED" | "RUN_LIMIT";
  message: string;
}

export const LAB_DELETED: RunStop = { code: "ABORTED", message: "the lab was deleted during the run" };
export const CALLER_GONE: RunStop = { code: "ABORTED", message: "the caller stopped waiting for the run" };

export function runLimitReached(maxRunMs: number): RunStop {
  return { code: "RUN_LIMIT", message: `the run reached its time limit of ${maxRunMs / 1000} s (maxRunMs)` };
}

/** The error a request reports once the run's signal has fired. */
export function stopOf(signal: AbortSignal): RunStop {
  const r = signal.reason as Partial<RunStop> | undefined;
  return r && (r.code === "ABORTED" || r.code === "RUN_LIMIT") && typeof r.message === "string" ? { code: r.code, message: r.message } : LAB_DELETED;
}
