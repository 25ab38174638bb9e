import "server-only";
import type { FaultRequest, LabCreated, LabSpec, LabState, TrafficRun, TrafficSpec } from "@/engine/api/schema";
import { engineFetch, engineJson } from "./client";

// Typed calls for each control-API endpoint the relay uses. Ids are validated by the route
// handlers (labIdSchema) before they reach a URL.

export const createLab = (spec: LabSpec, owner: string) => engineJson<LabCreated>("/v1/labs", { method: "POST", body: spec, owner, timeoutMs: 10_000 });

export const readLab = (id: string, owner: string) => engineJson<LabState>(`/v1/labs/${id}`, { owner });

export const deleteLab = (id: string, owner: string) => engineJson<void>(`/v1/labs/${id}`, { method: "DELETE", owner });

/**
 * The engine stops the run at the viewer's run-time cap (viewer-limits.ts) and answers with what
 * it has, so the wait allows that plus slack for the answer itself.
 */
export function runTraffic(id: string, owner: string, spec: TrafficSpec, maxRunMs: number, signal?: AbortSignal) {
  const capped = { ...spec, maxRunMs: Math.min(spec.maxRunMs, maxRunMs) };
  return engineJson<TrafficRun>(`/v1/labs/${id}/traffic`, { method: "POST", body: capped, owner, timeoutMs: capped.maxRunMs + 10_000, signal });
}

export const applyFault = (id: string, owner: string, fault: FaultRequest) => engineJson<unknown>(`/v1/labs/${id}/faults`, { method: "POST", body: fault, owner });

export async function readConfig(id: string, owner: string, format: "nginx" | "haproxy"): Promise<string> {
  const res = await engineFetch(`/v1/labs/${id}/config?format=${format}`, { owner });
  return res.text();
}

/** Opens the engine's event stream; the deadline only covers getting the response headers. */
export const openEvents = (id: string, owner: string, lastEventId: string | null, signal: AbortSignal) =>
  engineFetch(`/v1/labs/${id}/events`, { owner, signal, timeoutMs: 5_000, headers: lastEventId ? { "last-event-id": lastEventId } : {} });
