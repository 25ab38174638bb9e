"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useRuns } from "../live/lab-live-context";
import { NodeShell, Stat } from "./node-shell";

/** The simulated clients: how many requests they have sent in this lab. */
export const ClientNode = memo(function ClientNode({ data }: NodeProps) {
  const runs = useRuns();
  const sent = runs.reduce((n, r) => n + (r.response?.results.length ?? 0), 0);
  const running = runs.some((r) => r.status === "running");
  return (
    <NodeShell vertical={data.vertical === true} label="Clients" testId="node-client" className="border-slate-400" inputs={false}>
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm font-semibold">Clients</span>
        {running && <span className="rounded bg-brand-100 px-1.5 py-0.5 text-[10px] font-semibold text-brand-800">sending…</span>}
      </div>
      <p className="mt-1 text-slate-600 dark:text-slate-400">traffic generator on 127.0.0.10+</p>
      <div className="mt-1">
        <Stat label="answers received" value={sent} />
      </div>
    </NodeShell>
  );
});
