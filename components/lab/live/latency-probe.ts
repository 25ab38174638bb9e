// Event-to-screen latency, measured only when the page is opened with `?instrument` (the UI
// benchmark, bench/lab-ui.ts, reads it). For each batch, the oldest event's engine timestamp is
// compared with the clock at the start of the *next* frame — after the batch's frame was painted —
// so the figure is an upper bound: engine → relay → browser → store → DOM → paint.
import type { LabEvent } from "@/engine/api/schema";

export interface LabMetrics {
  latencies: number[];
  events: number;
}

declare global {
  interface Window {
    __layerlabLabMetrics?: LabMetrics;
    /** Test hook (only with ?instrument): drop the event stream for `holdMs`, as a network failure would. */
    __layerlabDropStream?: (holdMs: number) => void;
  }
}

/** Instrumentation is opt-in per page load, for the e2e tests and the UI benchmark. */
export function instrumented(): boolean {
  return typeof window !== "undefined" && new URLSearchParams(window.location.search).has("instrument");
}

export class LatencyProbe {
  private constructor(private readonly metrics: LabMetrics) {}

  static fromLocation(): LatencyProbe | null {
    if (!instrumented()) return null;
    window.__layerlabLabMetrics ??= { latencies: [], events: 0 };
    return new LatencyProbe(window.__layerlabLabMetrics);
  }

  record(batch: readonly LabEvent[]): void {
    let oldest = Infinity;
    for (const e of batch) if (e.at < oldest) oldest = e.at;
    this.metrics.events += batch.length;
    requestAnimationFrame(() => {
      if (this.metrics.latencies.length < 100_000) this.metrics.latencies.push(Date.now() - oldest);
    });
  }
}
