"use client";

import { useState } from "react";
import { useLabLive, useNodeLive } from "./live/lab-live-context";
import { labApi, LabApiError } from "./session/lab-api";

type Action = { action: "stop" | "start" | "clear" } | { action: "error"; status: number } | { action: "latency"; latencyMs: number };

function EndpointFaults({ labId, name, color }: { labId: string; name: string; color: string }) {
  const live = useNodeLive(`endpoint:${name}`);
  const [status, setStatus] = useState("500");
  const [latency, setLatency] = useState("300");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (a: Action) => {
    setBusy(true);
    setError(null);
    try {
      await labApi.fault(labId, { endpoint: name, ...a });
    } catch (err) {
      setError(err instanceof LabApiError ? err.message : "The fault could not be applied.");
    } finally {
      setBusy(false);
    }
  };
  const btn = "h-9 rounded-md border border-slate-300 px-2.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800";
  const state = live.fault === "down" ? "stopped" : live.fault === "error" ? (live.faultDetail ?? "answers errors") : live.faultDetail ? `up, ${live.faultDetail}` : "up";
  return (
    <li role="group" aria-label={`Faults for ${name}`} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-testid={`faults-${name}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="flex items-center gap-2 font-semibold">
          <span aria-hidden className="inline-block h-3 w-3 rounded-full" style={{ background: color }} />
          {name}
        </span>
        <span className="text-sm text-slate-700 dark:text-slate-300">now: {state}</span>
      </div>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <button type="button" className={btn} disabled={busy} onClick={() => send({ action: "stop" })}>
          Stop
        </button>
        <button type="button" className={btn} disabled={busy} onClick={() => send({ action: "start" })}>
          Start
        </button>
        <span className="flex items-end gap-1">
          <label className="text-xs">
            Status
            <input value={status} onChange={(e) => setStatus(e.target.value)} inputMode="numeric" className="ml-1 h-9 w-16 rounded-md border border-slate-300 bg-white px-1 dark:border-slate-600 dark:bg-slate-900" />
          </label>
          <button type="button" className={btn} disabled={busy} onClick={() => send({ action: "error", status: Number(status) })}>
            Answer with it
          </button>
        </span>
        <span className="flex items-end gap-1">
          <label className="text-xs">
            ms
            <input value={latency} onChange={(e) => setLatency(e.target.value)} inputMode="numeric" className="ml-1 h-9 w-20 rounded-md border border-slate-300 bg-white px-1 dark:border-slate-600 dark:bg-slate-900" />
          </label>
          <button type="button" className={btn} disabled={busy} onClick={() => send({ action: "latency", latencyMs: Number(latency) })}>
            Add latency
          </button>
        </span>
        <button type="button" className={btn} disabled={busy} onClick={() => send({ action: "clear" })}>
          Clear faults
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </li>
  );
}

/** Stop or restart an endpoint, make it answer an error status, or slow it down. */
export function FaultsPanel({ labId }: { labId: string }) {
  const { colors } = useLabLive();
  return (
    <div>
      <p className="text-sm text-slate-700 dark:text-slate-300">Faults act on the endpoint itself, in every cluster it belongs to. Health checks notice them on their next interval.</p>
      <ul className="mt-3 grid gap-3 md:grid-cols-2">
        {[...colors].map(([name, color]) => (
          <EndpointFaults key={name} labId={labId} name={name} color={color} />
        ))}
      </ul>
    </div>
  );
}
