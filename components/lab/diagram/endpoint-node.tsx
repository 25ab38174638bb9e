"use client";

import type { Node, NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { TopoNode } from "@/lib/labs/topology";
import { useNodeLive } from "../live/lab-live-context";
import { LockIcon } from "./lock-icon";
import { NodeShell, Stat } from "./node-shell";

type EndpointData = Extract<TopoNode, { kind: "endpoint" }> & { color: string; vertical: boolean };
export type EndpointFlowNode = Node<EndpointData, "endpoint">;

/** An endpoint: its colour (the dots it serves), health per cluster, fault, and counters. */
export const EndpointNode = memo(function EndpointNode({ id, data }: NodeProps<EndpointFlowNode>) {
  const live = useNodeLive(id);
  const checks = Object.entries(live.health);
  const down = live.fault === "down";
  const unhealthy = checks.some(([, ok]) => !ok);
  const status = down ? "stopped" : unhealthy ? (checks.every(([, ok]) => !ok) ? "unhealthy" : "unhealthy in some clusters") : "healthy";
  return (
    <NodeShell vertical={data.vertical} label={`endpoint ${data.name}, ${status}`} testId={`node-endpoint-${data.name}`} outputs={false} className={down || unhealthy ? "border-red-600" : "border-slate-300 dark:border-slate-600"}>
      <div className="flex items-center justify-between gap-1">
        <span className="flex items-center gap-1.5 truncate text-sm font-semibold">
          <span aria-hidden className="inline-block h-3 w-3 rounded-full" style={{ background: data.color }} />
          {data.name}
        </span>
        <span data-testid={`health-${data.name}`} data-health={status} className={`rounded px-1.5 py-0.5 text-[10px] font-bold ${down || unhealthy ? "bg-red-100 text-red-900" : "bg-emerald-100 text-emerald-900"}`}>
          {status}
        </span>
      </div>
      {data.tlsEnds && (
        <p data-testid={`tls-ends-${data.name}`} className="mt-1 flex items-center gap-1 rounded bg-emerald-100 px-1.5 py-0.5 font-semibold text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
          <LockIcon open />
          TLS ends here
        </p>
      )}
      {checks.length > 1 && (
        <ul className="mt-1 text-[11px]">
          {checks.map(([cluster, ok]) => (
            <li key={cluster} className={ok ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}>
              {ok ? "✓" : "✕"} {cluster}
            </li>
          ))}
        </ul>
      )}
      {live.fault && live.fault !== "up" && <p className="mt-1 font-semibold text-red-800 dark:text-red-300">fault: {live.faultDetail ?? live.fault}</p>}
      {live.fault === "up" && live.faultDetail && <p className="mt-1 font-semibold text-amber-900 dark:text-amber-300">fault: {live.faultDetail}</p>}
      <div className="mt-1 flex flex-wrap gap-x-2">
        <Stat label="requests" value={live.requests} testId={`endpoint-requests-${data.name}`} />
        <Stat label="open conns" value={live.active} />
        {live.probes > 0 && <Stat label="health probes" value={live.probes} />}
      </div>
    </NodeShell>
  );
});
