// Messages between the engine's main thread and the sandbox worker thread (structured clone).
import type { EndpointSpec, Fault, LabEventInput } from "../../api/schema";

export type HostRequest =
  /** `dataPlane: false` when the lab's bus drops data-plane events: the worker then sends none. */
  | { op: "start"; labId: string; spec: EndpointSpec; cert: { keyPem: string; certPem: string } | null; dataPlane: boolean }
  /** The lab's bus turned its data-plane events on or off: the worker's endpoints follow. */
  | { op: "dataPlane"; labId: string; on: boolean }
  | { op: "fault"; labId: string; name: string; fault: Fault }
  | { op: "close"; labId: string; name: string }
  | { op: "stats"; labId: string; names: string[] }
  | { op: "resources" };

export type { EndpointCounters as EndpointStats } from "../../contracts";

export type HostReply =
  | { kind: "reply"; id: number; ok: true; result: unknown }
  | { kind: "reply"; id: number; ok: false; error: { code: string; message: string; status: number; origin: string } }
  /** Batched endpoint events; `dropped` counts what the worker's own budget kept back, per lab. */
  | { kind: "events"; batch: { labId: string; event: LabEventInput }[]; dropped: Record<string, number> };
