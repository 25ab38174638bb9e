"use client";

import type { Node, NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { TopoNode } from "@/lib/labs/topology";
import { useNodeLive } from "../live/lab-live-context";
import { NodeShell, Stat } from "./node-shell";

export type ClusterFlowNode = Node<Extract<TopoNode, { kind: "cluster" }> & { vertical: boolean }, "cluster">;

/** A cluster: its load-balancing policy, health check, stickiness, and how many picks it made. */
export const ClusterNode = memo(function ClusterNode({ id, data }: NodeProps<ClusterFlowNode>) {
  const live = useNodeLive(id);
  return (
    <NodeShell vertical={data.vertical} label={`cluster ${data.name}, policy ${data.policy}`} testId={`node-cluster-${data.name}`} className="border-dashed border-slate-500">
      <div className="flex items-center justify-between gap-1">
        <span className="truncate text-sm font-semibold">{data.name}</span>
        <span className="rounded bg-slate-200 px-1.5 py-0.5 text-[10px] font-bold text-slate-900">cluster</span>
      </div>
      <p className="mt-1 text-slate-700 dark:text-slate-300">{data.policy}</p>
      {data.features.map((f) => (
        <p key={f} className="text-[11px] text-slate-700 dark:text-slate-300">
          {f}
        </p>
      ))}
      <div className="mt-1">
        <Stat label="picks" value={live.requests} testId={`cluster-picks-${data.name}`} />
      </div>
    </NodeShell>
  );
});
