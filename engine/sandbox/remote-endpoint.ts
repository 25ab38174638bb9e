// The main thread's handle on an endpoint that runs in the sandbox worker. Fault state lives
// here (the proxies read it synchronously to skip stopped endpoints) and is pushed to the worker;
// counters are cached and refreshed when a lab's state is read.
import type { EndpointSpec, Fault } from "../api/schema";
import { faultSchema } from "../api/schema";
import type { EndpointRuntime, EventSink } from "../contracts";
import { defaultServerName } from "./endpoint-context";
import type { EndpointStats } from "./worker/protocol";

export interface RemoteCalls {
  setFault(labId: string, name: string, fault: Fault): Promise<Fault>;
  close(labId: string, name: string): Promise<void>;
}

export class RemoteEndpoint implements EndpointRuntime {
  readonly host = "127.0.0.1" as const;
  readonly serverName: string;
  private current: Fault;
  private cached: EndpointStats = { activeConnections: 0, totalConnections: 0, requests: 0, healthChecks: 0 };
  private closed = false;

  constructor(
    readonly spec: EndpointSpec,
    readonly labId: string,
    readonly port: number,
    private readonly calls: RemoteCalls,
    private readonly events: EventSink,
  ) {
    this.serverName = spec.serverName ?? defaultServerName(spec.name);
    this.current = faultSchema.parse(spec.fault ?? {});
  }

  get name(): string {
    return this.spec.name;
  }
  get tls(): boolean {
    return this.spec.tls;
  }
  get fault(): Fault {
    return this.current;
  }

  async setFault(fault: Fault): Promise<void> {
    if (this.closed) return;
    this.current = await this.calls.setFault(this.labId, this.name, faultSchema.parse(fault));
    this.events.emit({ type: "fault.change", endpoint: this.name, fault: this.current });
  }

  stats(): EndpointStats {
    return this.cached;
  }

  updateStats(stats: EndpointStats | null): void {
    if (stats) this.cached = stats;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.calls.close(this.labId, this.name);
  }
}
