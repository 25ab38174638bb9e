// `kind: listener` endpoints: a cluster member that is another listener of the same lab (tiered
// designs: an L4 tier in front of an L7 tier). It owns no server; its port is the target
// listener's, so the lab binds listeners in dependency order (engine/lab/bind-order.ts).
import type { EndpointSpec, Fault, ListenerSpec } from "../api/schema";
import { faultSchema } from "../api/schema";
import { EngineError } from "../api/errors";
import type { EndpointCounters, EndpointRuntime, ListenerRuntime } from "../contracts";
import { defaultServerName } from "./endpoint-context";

export class ListenerEndpoint implements EndpointRuntime {
  readonly host = "127.0.0.1" as const;
  readonly fault: Fault = faultSchema.parse({});
  readonly tls: boolean;
  readonly serverName: string;

  constructor(
    readonly spec: EndpointSpec,
    targetSpec: ListenerSpec,
    private readonly target: () => ListenerRuntime | undefined,
  ) {
    this.tls = targetSpec.tls !== "none";
    this.serverName =
      targetSpec.layer === "l7" ? (targetSpec.hostnames[0] ?? defaultServerName(spec.name)) : (targetSpec.sniRoutes?.[0]?.serverName ?? defaultServerName(spec.name));
  }

  get name(): string {
    return this.spec.name;
  }
  get port(): number {
    return this.target()?.port ?? 0;
  }

  setFault(): Promise<void> {
    return Promise.reject(
      new EngineError("fault_unsupported", `endpoint "${this.name}" is a listener; fault the endpoints behind it instead`, 409, "engine"),
    );
  }

  stats(): EndpointCounters {
    const s = this.target()?.stats();
    // A listener is never health-checked over HTTP by the engine (checks look at endpoints).
    return { activeConnections: s?.activeConnections ?? 0, totalConnections: s?.totalConnections ?? 0, requests: s?.requests ?? 0, healthChecks: 0 };
  }

  close(): Promise<void> {
    return Promise.resolve(); // the listener itself is closed by the lab
  }
}
