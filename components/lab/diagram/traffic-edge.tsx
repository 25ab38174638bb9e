"use client";

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import { memo, useEffect, useRef } from "react";
import type { TopoEdge } from "@/lib/labs/topology";
import { useEdgeRate, useHealth, useLabLive } from "../live/lab-live-context";
import { LockIcon } from "./lock-icon";

type EdgeData = TopoEdge & { cluster: string | null; endpoint: string | null };
export type TrafficFlowEdge = Edge<EdgeData, "traffic">;

/** Above this many requests per second on one edge, a flowing stroke replaces individual dots. */
const AGGREGATE_AT = 20;

function HealthAware({ cluster, endpoint, children }: { cluster: string; endpoint: string; children: (healthy: boolean) => React.ReactNode }) {
  return <>{children(useHealth(cluster, endpoint))}</>;
}

/**
 * One hop of the diagram. Encrypted hops are drawn solid green with a lock; the pulse animator
 * moves coloured dots along the path (without re-rendering this component); busy hops switch to
 * a thick stroke in the colour of the endpoint most recently served, with a rate label.
 */
export const TrafficEdge = memo(function TrafficEdge(props: EdgeProps<TrafficFlowEdge>) {
  const { id, data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const { animator } = useLabLive();
  const rate = useEdgeRate(id);
  const pathRef = useRef<SVGPathElement>(null);
  const groupRef = useRef<SVGGElement>(null);

  useEffect(() => {
    if (!pathRef.current || !groupRef.current) return;
    return animator.register(id, pathRef.current, groupRef.current);
  }, [animator, id]);

  const body = (healthy: boolean) => {
    const encrypted = data?.encrypted ?? false;
    const stroke = !healthy ? "#dc2626" : encrypted ? "#047857" : "#94a3b8";
    const flowing = rate.perSecond >= AGGREGATE_AT;
    return (
      <>
        <BaseEdge id={id} path={path} style={{ stroke, strokeWidth: encrypted ? 3 : 2, strokeDasharray: healthy ? undefined : "6 4" }} />
        <path ref={pathRef} d={path} fill="none" stroke="none" data-testid={`edge-${id}`} data-encrypted={encrypted ? "true" : "false"} data-healthy={healthy ? "true" : "false"} />
        {flowing && <path d={path} fill="none" stroke={rate.color ?? stroke} strokeWidth={Math.min(8, 3 + Math.log2(rate.perSecond / AGGREGATE_AT + 1) * 2)} strokeOpacity={0.55} strokeLinecap="round" />}
        <g ref={groupRef} />
        <EdgeLabelRenderer>
          <div
            className="nodrag nopan pointer-events-none absolute flex items-center gap-1 text-[10px] font-medium"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {encrypted && (
              <span data-testid={`lock-${id}`} className="flex items-center gap-0.5 rounded bg-emerald-100 px-1 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
                <LockIcon label="encrypted hop" className="h-3 w-3" /> TLS
              </span>
            )}
            {data?.label && <span className="max-w-[140px] truncate rounded bg-white/90 px-1 text-slate-800 dark:bg-slate-900/90 dark:text-slate-200">{data.label}</span>}
            {!healthy && <span className="rounded bg-red-100 px-1 text-red-900">✕ unhealthy</span>}
            {rate.perSecond > 0 && <span className="rounded bg-slate-800 px-1 text-white tabular-nums">{rate.perSecond}/s</span>}
          </div>
        </EdgeLabelRenderer>
      </>
    );
  };

  return data?.cluster && data.endpoint ? (
    <HealthAware cluster={data.cluster} endpoint={data.endpoint}>
      {body}
    </HealthAware>
  ) : (
    body(true)
  );
});
