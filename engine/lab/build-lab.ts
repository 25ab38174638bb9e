// Builds a lab from a validated spec: CA, endpoints (bound in parallel, on the sandbox thread
// by default), clusters, then listeners in dependency order, then health checks. Any failure
// closes whatever was opened.
import type { EndpointSpec, LabSpec } from "../api/schema";
import { EngineError } from "../api/errors";
import type { EndpointRuntime, TcpTransportKind, ListenerRuntime } from "../contracts";
import { EventBus, type EventBusOptions } from "../events/event-bus";
import { createL4Listener } from "../filters/l4/listener";
import { createL7Listener } from "../filters/l7/listener";
import { startSandboxEndpoint } from "../sandbox/create-endpoint";
import { ListenerEndpoint } from "../sandbox/listener-endpoint";
import { SandboxHost } from "../sandbox/sandbox-host";
import { healthCheckSources } from "../traffic/source-addresses";
import { createLabCa } from "../transport/ca";
import { Cluster } from "../upstream/cluster";
import { bindOrder } from "./bind-order";
import { createIdSource } from "./ids";
import { Lab, closeParts } from "./lab";

export interface BuildLabOptions {
  id: string;
  owner: string | null;
  events?: EventBusOptions;
  /**
   * worker (default): http/tcp-echo endpoints run on the shared sandbox thread, so proxies and
   * the servers behind them do not compete for one event loop. inline: on the main thread.
   */
  sandbox?: "worker" | "inline";
  /** Forces one L4 transport (the tests run both); unset: the engine's default. */
  tcpTransport?: TcpTransportKind;
}

export async function buildLab(spec: LabSpec, options: BuildLabOptions): Promise<Lab> {
  const events = new EventBus(options.id, options.events);
  const ids = createIdSource();
  const endpoints = new Map<string, EndpointRuntime>();
  const clusters = new Map<string, Cluster>();
  const listeners = new Map<string, ListenerRuntime>();
  let sandbox: SandboxHost | null = null;
  try {
    spec.endpoints.forEach((e, i) => {
      if (e.kind === "listener" && e.fault)
        throw new EngineError("invalid_spec", "a listener endpoint cannot carry a fault", 400, "engine", [
          { path: `endpoints.${i}.fault`, message: "fault the endpoints behind the listener instead" },
        ]);
    });
    const ca = await createLabCa({ labId: options.id });
    const ctx = { labId: options.id, events, ids, ca };
    sandbox = options.sandbox === "inline" ? null : await SandboxHost.shared().catch(() => null);
    const host = sandbox;
    const start = (e: EndpointSpec) => (host ? host.startEndpoint(e, options.id, events, ca) : startSandboxEndpoint(e, ctx));
    const started = await Promise.allSettled(spec.endpoints.filter((e) => e.kind !== "listener").map(start));
    for (const r of started) if (r.status === "fulfilled") endpoints.set(r.value.name, r.value);
    const failed = started.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    for (const e of spec.endpoints) {
      if (e.kind !== "listener") continue;
      const target = spec.listeners.find((l) => l.name === e.listener)!;
      endpoints.set(e.name, new ListenerEndpoint(e, target, () => listeners.get(target.name)));
    }
    // Keep the spec's endpoint order in state responses.
    const ordered = new Map(spec.endpoints.map((e) => [e.name, endpoints.get(e.name)!]));
    endpoints.clear();
    for (const [k, v] of ordered) endpoints.set(k, v);

    // Checks connect from their own addresses where the OS allows it (detected once per process).
    const probeSources = spec.clusters.some((c) => c.healthCheck) ? await healthCheckSources() : null;
    for (const c of spec.clusters) clusters.set(c.name, new Cluster(c, endpoints, { events, caCertPem: ca.caCertPem, probeSources }));
    const listenerCtx = { labId: options.id, clusters, events, ca, ids, tcpTransport: options.tcpTransport };
    for (const l of bindOrder(spec)) {
      const runtime = l.layer === "l4" ? createL4Listener(l, listenerCtx) : createL7Listener(l, listenerCtx);
      listeners.set(l.name, runtime);
      await runtime.listen();
    }
    for (const c of clusters.values()) c.start();
    return new Lab({ id: options.id, owner: options.owner, spec, events, ids, ca, endpoints, clusters, listeners, sandbox });
  } catch (err) {
    await closeParts({ clusters, listeners, endpoints });
    sandbox?.detach(options.id);
    events.close("shutdown");
    throw err;
  }
}
