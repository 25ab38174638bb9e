"use client";

import type { Node, NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { TopoNode } from "@/lib/labs/topology";
import { useNodeLive } from "../live/lab-live-context";
import { LockIcon } from "./lock-icon";
import { NodeShell, Stat } from "./node-shell";

type ListenerData = Extract<TopoNode, { kind: "listener" }> & { vertical: boolean };
export type ListenerFlowNode = Node<ListenerData, "listener">;

const tlsText: Record<string, string> = {
  none: "plain TCP",
  passthrough: "TLS passthrough",
  terminate: "TLS terminate",
  reencrypt: "TLS re-encrypt",
};

/**
 * L4 listeners are drawn as an envelope-coloured (amber) box that only knows connections; L7
 * listeners as a violet box listing their routes. The TLS mode is always shown, and an L7
 * listener that terminates TLS carries the "TLS ends here" marker.
 */
export const ListenerNode = memo(function ListenerNode({ id, data }: NodeProps<ListenerFlowNode>) {
  const live = useNodeLive(id);
  const l4 = data.layer === "l4";
  const tls = data.tls !== "none";
  return (
    <NodeShell
      vertical={data.vertical}
      label={`${l4 ? "L4" : "L7"} listener ${data.name}, ${tlsText[data.tls] ?? data.tls}`}
      testId={`node-listener-${data.name}`}
      inputs={true}
      className={l4 ? "border-l4 bg-amber-50 dark:bg-amber-950/40" : "border-l7 bg-violet-50 dark:bg-violet-950/40"}
    >
      <div className="flex items-center justify-between gap-1">
        <span className="truncate text-sm font-semibold">{data.name}</span>
        <span className={`rounded px-1.5 py-0.5 text-[10px] font-bold ${l4 ? "bg-amber-200 text-amber-950" : "bg-violet-200 text-violet-950"}`}>{l4 ? "L4 · TCP" : "L7 · HTTP"}</span>
      </div>
      <p className="mt-1 flex items-center gap-1 text-slate-700 dark:text-slate-300" data-testid={`tls-mode-${data.name}`}>
        {tls && <LockIcon />}
        {tlsText[data.tls] ?? data.tls}
      </p>
      {data.tlsEnds && (
        <p data-testid={`tls-ends-${data.name}`} className="mt-1 flex items-center gap-1 rounded bg-emerald-100 px-1.5 py-0.5 font-semibold text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
          <LockIcon open />
          {data.tlsEnds === "here" ? "TLS ends here" : "TLS ends here · new TLS upstream"}
        </p>
      )}
      {data.rules.length > 0 && (
        <ul className="mt-1 space-y-0.5 text-[11px] text-slate-700 dark:text-slate-300">
          {data.rules.slice(0, 4).map((r) => (
            <li key={r} className="truncate" title={r}>
              {r}
            </li>
          ))}
        </ul>
      )}
      <div className="mt-1 flex flex-wrap gap-x-2">
        <Stat label="open" value={live.active} testId={`listener-open-${data.name}`} />
        <Stat label={l4 ? "connections" : "requests"} value={live.requests} testId={`listener-requests-${data.name}`} />
        {live.errors > 0 && <Stat label="5xx" value={live.errors} />}
      </div>
    </NodeShell>
  );
});
