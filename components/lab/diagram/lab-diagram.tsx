"use client";

import { Controls, Position, ReactFlow, type Edge, type Node } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useMemo, useSyncExternalStore } from "react";
import { buildTopology, layoutPositions } from "@/lib/labs/topology";
import { useLabLive } from "../live/lab-live-context";
import { ClientNode } from "./client-node";
import { ClusterNode } from "./cluster-node";
import { DiagramLegend } from "./diagram-legend";
import { EndpointNode } from "./endpoint-node";
import { ListenerNode } from "./listener-node";
import { TrafficEdge } from "./traffic-edge";

const nodeTypes = { client: ClientNode, listener: ListenerNode, cluster: ClusterNode, endpoint: EndpointNode };
const edgeTypes = { traffic: TrafficEdge };
// Busy edges get a thick, static stroke: an animated dash would repaint the whole SVG every frame.
const flowCss = `.react-flow__attribution { background: rgba(255, 255, 255, 0.9); } .react-flow__attribution a { color: #334155; }`;

const narrowQuery = "(max-width: 639px)";
function useNarrow(): boolean {
  return useSyncExternalStore(
    (l) => {
      const mq = window.matchMedia(narrowQuery);
      mq.addEventListener("change", l);
      return () => mq.removeEventListener("change", l);
    },
    () => window.matchMedia(narrowQuery).matches,
    () => false,
  );
}

/**
 * The lab's topology as a React Flow diagram. Nodes and edges are computed once from the spec
 * (the topology store); live numbers come from the live store through each node's own hooks, so
 * this component itself never re-renders while traffic flows.
 */
export function LabDiagram({ labId }: { labId: string | null }) {
  const { spec, colors } = useLabLive();
  // Phones get the same diagram top to bottom: tiers become rows, which suits a tall screen.
  const vertical = useNarrow();
  const { nodes, edges } = useMemo(() => {
    const topo = buildTopology(spec);
    const pos = layoutPositions(topo.nodes, vertical ? { along: 170, across: 210 } : { along: 235, across: 135 }, vertical);
    const nodes: Node[] = topo.nodes.map((n) => ({
      id: n.id,
      type: n.kind,
      position: pos.get(n.id) ?? { x: 0, y: 0 },
      sourcePosition: vertical ? Position.Bottom : Position.Right,
      targetPosition: vertical ? Position.Top : Position.Left,
      data: { ...(n.kind === "endpoint" ? { ...n, color: colors.get(n.name) ?? "#64748b" } : n), vertical },
      draggable: false,
      connectable: false,
    }));
    const edges: Edge[] = topo.edges.map((e) => {
      const [cluster, endpoint] = e.source.startsWith("cluster:") && e.target.startsWith("endpoint:") ? [e.source.slice(8), e.target.slice(9)] : [null, null];
      return { id: e.id, source: e.source, target: e.target, type: "traffic", data: { ...e, cluster, endpoint }, focusable: false };
    });
    return { nodes, edges };
  }, [spec, colors, vertical]);

  return (
    <section aria-label="Lab diagram" className="rounded-xl border border-slate-200 dark:border-slate-800">
      <style>{flowCss}</style>
      <div className="h-[520px] w-full sm:h-[480px]" data-testid="lab-diagram" data-lab-id={labId ?? ""}>
        <ReactFlow
          key={vertical ? "v" : "h"}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          fitView
          fitViewOptions={{ padding: 0.08 }}
          minZoom={0.3}
          maxZoom={1.5}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          // The page scrolls normally over the diagram; zoom with the buttons or a pinch.
          zoomOnScroll={false}
          preventScrolling={false}
          aria-label="Diagram of clients, listeners, clusters and endpoints"
        >
          <Controls showInteractive={false} position="top-right" />
        </ReactFlow>
      </div>
      <DiagramLegend />
    </section>
  );
}
