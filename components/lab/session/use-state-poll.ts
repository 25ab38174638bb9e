"use client";

import { useCallback, useEffect } from "react";
import type { LabState } from "@/engine/api/schema";
import { nodeId } from "@/lib/labs/topology";
import type { LiveStore, NodeLive } from "../live/live-store";
import { labApi } from "./lab-api";

/**
 * The engine's exact counters and health, as seeds for the live store. The engine counts its own
 * health checks (HTTP and TCP) apart from the learner's requests, so both are exact even when the
 * event stream was sampled.
 */
export function seedFromState(
  state: LabState,
  layers: ReadonlyMap<string, "l4" | "l7">,
  counters: boolean,
): { seeds: Map<string, Partial<NodeLive>>; healthKeys: string[] } {
  const seeds = new Map<string, Partial<NodeLive>>();
  // Counters only when the stream has caught up: on first load the replay of earlier events is
  // still on its way, and would be counted on top of the seeds.
  if (counters)
    for (const [name, s] of Object.entries(state.listenerStats))
      seeds.set(nodeId.listener(name), { active: s.activeConnections, total: s.totalConnections, requests: layers.get(name) === "l4" ? s.totalConnections : s.requests });
  for (const [name, s] of Object.entries(state.endpointStats)) {
    const detail = s.fault.mode === "error" ? `answers ${s.fault.status}` : s.fault.mode === "down" ? "stopped" : s.fault.latencyMs ? `+${s.fault.latencyMs} ms` : undefined;
    const exact = counters ? { requests: s.requests, probes: s.healthChecks, active: s.activeConnections, total: s.totalConnections } : {};
    seeds.set(nodeId.endpoint(name), { ...exact, fault: s.fault.mode, faultDetail: detail });
  }
  const healthKeys: string[] = [];
  for (const c of state.clusters)
    for (const e of c.endpoints) {
      const id = nodeId.endpoint(e.name);
      const prev = seeds.get(id) ?? {};
      seeds.set(id, { ...prev, health: { ...prev.health, [c.name]: e.healthy } });
      healthKeys.push(`health:${c.name}/${e.name}`);
    }
  return { seeds, healthKeys };
}

/**
 * Refreshes counters from GET /api/labs/:id: every 2 s while traffic runs (events may be sampled
 * under load), and on demand (after a run, after a reconnect). Returns the on-demand refresh.
 */
export function useStatePoll(labId: string | null, store: LiveStore, layers: ReadonlyMap<string, "l4" | "l7">, running: boolean): () => void {
  const load = useCallback(
    (counters: boolean) => {
      if (!labId) return;
      labApi
        .state(labId)
        .then((state) => {
          const { seeds, healthKeys } = seedFromState(state, layers, counters);
          store.seed(seeds, healthKeys);
        })
        .catch(() => undefined);
    },
    [labId, store, layers],
  );
  const refresh = useCallback(() => load(true), [load]);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(refresh, 2000);
    return () => clearInterval(timer);
  }, [running, refresh]);

  useEffect(() => load(false), [load]);
  return refresh;
}
