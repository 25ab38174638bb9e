// Browser-side calls to the /api/labs relay. Every failure becomes an Error carrying the relay's
// message (written for learners) and its code.
import type { LabCreated, LabState, TrafficRun, TrafficSpecInput } from "@/engine/api/schema";

// A type-only import: erased at build, so the server-only module never reaches the browser.
import type { ViewerLimits } from "@/lib/engine/viewer-limits";

export type ViewerLimitsView = ViewerLimits;

export interface StartedLabView {
  lab: LabCreated;
  scenario: string;
  viewer: "user" | "anonymous";
  limits: ViewerLimitsView;
}

export class LabApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { cache: "no-store", ...init, headers: { ...(init.body ? { "content-type": "application/json" } : {}), ...init.headers } });
  } catch {
    throw new LabApiError("NETWORK", "The site could not be reached. Check your connection and try again.", 0);
  }
  if (res.ok) return (res.status === 204 ? undefined : res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text()) as T;
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  throw new LabApiError(body?.error?.code ?? "HTTP_" + res.status, body?.error?.message ?? `The server answered ${res.status}.`, res.status);
}

// Lab creations go one at a time: on a first visit the response sets the anonymous owner cookie,
// and a concurrent second creation (another effect, a quick reset) would otherwise mint a second
// owner whose labs the first cookie cannot see.
let creations: Promise<unknown> = Promise.resolve();
function startSerialized(scenario: string): Promise<StartedLabView> {
  const next = creations.then(() => call<StartedLabView>("/api/labs", { method: "POST", body: JSON.stringify({ scenario }) }));
  creations = next.catch(() => undefined);
  return next;
}

export const labApi = {
  start: startSerialized,
  state: (id: string) => call<LabState>(`/api/labs/${id}`),
  traffic: (id: string, spec: TrafficSpecInput) => call<TrafficRun>(`/api/labs/${id}/traffic`, { method: "POST", body: JSON.stringify(spec) }),
  fault: (id: string, body: { endpoint: string; action: string; status?: number; latencyMs?: number }) => call<unknown>(`/api/labs/${id}/faults`, { method: "POST", body: JSON.stringify(body) }),
  config: (id: string, format: "nginx" | "haproxy") => call<string>(`/api/labs/${id}/config?format=${format}`),
  /** keepalive: survives the page being unloaded (pagehide), like sendBeacon but with DELETE. */
  remove: (id: string) => fetch(`/api/labs/${id}`, { method: "DELETE", keepalive: true }).catch(() => undefined),
};
