// Turns a control-API fault request into the endpoint's next fault state.
// Actions compose like a chaos tool's: latency stays when the endpoint is stopped and started
// again; "clear" resets everything.
import type { Fault, FaultRequest } from "../api/schema";

export function nextFault(current: Fault, req: FaultRequest): Fault {
  switch (req.action) {
    case "stop":
      return { ...current, mode: "down" };
    case "start":
      return { ...current, mode: current.mode === "down" ? "up" : current.mode };
    case "error":
      return { ...current, mode: "error", status: req.status ?? 500 };
    case "latency":
      return { ...current, latencyMs: req.latencyMs ?? 0 };
    case "clear":
      return { mode: "up", status: 500, latencyMs: 0 };
  }
}
