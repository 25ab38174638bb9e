"use client";

import { useState } from "react";
import { latencyHistogram, percentiles } from "@/lib/labs/histogram";
import { useLabLive, useRuns } from "../live/lab-live-context";
import { DistributionChart } from "./distribution-chart";
import { LatencyChart } from "./latency-chart";

/** Per-endpoint distribution and latency histogram of one finished run (the last by default). */
export function ResultsPanel() {
  const runs = useRuns().filter((r) => r.response);
  const { colors } = useLabLive();
  const [picked, setPicked] = useState<string | null>(null);
  const run = runs.find((r) => r.key === picked) ?? runs[runs.length - 1];
  if (!run?.response) return <p className="text-sm text-slate-700 dark:text-slate-300">Results appear here after a run finishes.</p>;
  const results = run.response.results;
  const byEndpoint = new Map<string, number>();
  for (const r of results) byEndpoint.set(r.endpoint ?? "(none)", (byEndpoint.get(r.endpoint ?? "(none)") ?? 0) + 1);
  const distribution = [...byEndpoint].map(([name, count]) => ({ name, count, color: colors.get(name) ?? "#64748b" }));
  const times = results.filter((r) => !r.error).map((r) => r.timings.totalMs);
  const p = percentiles(times);
  const s = run.response.summary;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label htmlFor="results-run" className="font-semibold">
          Run
        </label>
        <select id="results-run" value={run.key} onChange={(e) => setPicked(e.target.value)} className="h-10 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-600 dark:bg-slate-900">
          {runs.map((r, i) => (
            <option key={r.key} value={r.key}>
              #{i + 1}: {r.spec.requests} × {r.spec.protocol} to {r.spec.listener}
            </option>
          ))}
        </select>
        <span className="text-slate-700 dark:text-slate-300">
          {s.ok} ok, {s.failed} failed in {s.durationMs} ms
          {p && ` · p50 ${p.p50.toFixed(1)} ms · p90 ${p.p90.toFixed(1)} ms · p99 ${p.p99.toFixed(1)} ms`}
        </span>
        {s.stopped && (
          <span role="status" className="w-full text-amber-800 dark:text-amber-300">
            The run ended early: {s.stopped.message}. Requests it did not finish count as failed.
          </span>
        )}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <DistributionChart data={distribution} />
        <LatencyChart bins={latencyHistogram(times)} />
      </div>
    </div>
  );
}
