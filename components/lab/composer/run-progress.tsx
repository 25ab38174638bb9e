"use client";

import { useRuns, useThrottledVersion } from "../live/lab-live-context";

/**
 * Progress of the current run, from the endpoint arrivals the event stream reports (plus the
 * engine's sampled counts under load); the engine answers the run as a whole when it ends.
 */
export function RunProgress() {
  const runs = useRuns();
  const run = runs[runs.length - 1];
  useThrottledVersion([run ? `run:${run.key}` : "none"], 100);
  if (!run) return null;
  const total = run.spec.requests;
  if (run.status === "running") {
    const done = Math.min(total, run.seen);
    return (
      <div className="flex min-w-48 flex-1 items-center gap-2 text-sm">
        <div role="progressbar" aria-label="Traffic run progress" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} className="h-2 flex-1 overflow-hidden rounded bg-slate-200 dark:bg-slate-700">
          <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${(done / total) * 100}%` }} />
        </div>
        <span className="tabular-nums text-slate-700 dark:text-slate-300">
          {done} / {total}
        </span>
      </div>
    );
  }
  if (run.status === "failed") return <p role="alert" className="text-sm text-red-700 dark:text-red-400">{run.error}</p>;
  const s = run.response?.summary;
  return s ? (
    <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="run-summary">
      Last run: {s.total} requests, {s.ok} ok, {s.failed} failed, {s.durationMs} ms
      {run.response?.sourceAddresses === "shared" ? " (all clients shared 127.0.0.1 on this OS)" : ""}
    </p>
  ) : null;
}
