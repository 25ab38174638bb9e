// Runs sandbox endpoints on a worker thread shared by every lab (see worker/sandbox-worker.ts
// for why). One worker per process, started on first use and unref'd so it never keeps the
// engine alive; if it cannot start, labs fall back to inline endpoints on the main thread.
import { Worker } from "node:worker_threads";
import type { EndpointSpec, Fault } from "../api/schema";
import { EngineError, type ErrorOrigin } from "../api/errors";
import type { EventBus } from "../events/event-bus";
import type { LabCertificateAuthority } from "../contracts";
import { defaultServerName } from "./endpoint-context";
import { RemoteEndpoint } from "./remote-endpoint";
import type { EndpointStats, HostReply, HostRequest } from "./worker/protocol";

const START_TIMEOUT_MS = 15_000;

export class SandboxHost {
  private static current: Promise<SandboxHost> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly buses = new Map<string, EventBus>();
  private dead = false;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (msg: HostReply) => this.onMessage(msg));
    worker.on("error", (err) => this.fail(err));
    worker.on("exit", (code) => this.fail(new Error(`sandbox worker exited with code ${code}`)));
  }

  /** The process-wide host; rejects if the worker cannot start (callers fall back to inline). */
  static shared(): Promise<SandboxHost> {
    SandboxHost.current ??= SandboxHost.start().catch((err: unknown) => {
      SandboxHost.current = null;
      console.warn(`[engine] sandbox thread unavailable (${(err as Error).message}); endpoints run on the main thread`);
      throw err;
    });
    return SandboxHost.current;
  }

  private static start(): Promise<SandboxHost> {
    const worker = new Worker(new URL("./worker/entry.mjs", import.meta.url), { stdout: false, stderr: false });
    const host = new SandboxHost(worker);
    // The worker is referenced only while a call awaits its reply (see call()): otherwise a
    // finished script — a benchmark, a test run — would never exit. Unref'd after the listeners,
    // because adding a "message" listener refs the worker's port again.
    worker.unref();
    // A round trip proves the worker loaded the sandbox code.
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("sandbox worker did not start in time")), START_TIMEOUT_MS);
      host.call({ op: "resources" }).then(
        () => (clearTimeout(timer), resolve(host)),
        (err: Error) => (clearTimeout(timer), void worker.terminate(), reject(err)),
      );
    });
  }

  /** Starts one endpoint of a lab in the worker; TLS material is issued here, by the lab CA. */
  async startEndpoint(spec: EndpointSpec, labId: string, events: EventBus, ca: LabCertificateAuthority): Promise<RemoteEndpoint> {
    const cert = spec.tls ? await ca.issue([spec.serverName ?? defaultServerName(spec.name)]) : null;
    this.buses.set(labId, events);
    const { port } = (await this.call({ op: "start", labId, spec, cert, dataPlane: events.dataPlaneOn })) as { port: number };
    return new RemoteEndpoint(spec, labId, port, this, events);
  }

  /** The lab's endpoints in the worker build data-plane events (on) or none (off). */
  async setDataPlane(labId: string, on: boolean): Promise<void> {
    await this.call({ op: "dataPlane", labId, on });
  }

  async setFault(labId: string, name: string, fault: Fault): Promise<Fault> {
    return ((await this.call({ op: "fault", labId, name, fault })) as { fault: Fault }).fault;
  }

  async close(labId: string, name: string): Promise<void> {
    await this.call({ op: "close", labId, name });
  }

  /** Fresh counters for a lab's endpoints (read when the API reports the lab's state). */
  async refreshStats(labId: string, endpoints: RemoteEndpoint[]): Promise<void> {
    if (endpoints.length === 0 || this.dead) return;
    const stats = (await this.call({ op: "stats", labId, names: endpoints.map((e) => e.name) })) as (EndpointStats | null)[];
    endpoints.forEach((e, i) => e.updateStats(stats[i] ?? null));
  }

  /** Stops routing a deleted lab's events. */
  detach(labId: string): void {
    this.buses.delete(labId);
  }

  /** The worker's open handles (tests check that deleted labs leave none behind). */
  async resources(): Promise<string[]> {
    return (await this.call({ op: "resources" })) as string[];
  }

  private call(req: HostRequest): Promise<unknown> {
    if (this.dead) return Promise.reject(new EngineError("sandbox_unavailable", "the sandbox thread is not running", 503, "engine"));
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, req });
    });
  }

  private onMessage(msg: HostReply): void {
    if (msg.kind === "events") {
      for (const { labId, event } of msg.batch) {
        const bus = this.buses.get(labId);
        if (bus && bus.wants(event.type)) bus.emit(event);
      }
      for (const [labId, n] of Object.entries(msg.dropped)) this.buses.get(labId)?.noteDropped("endpoint.request", n);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (this.pending.size === 0) this.worker.unref();
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new EngineError(msg.error.code, msg.error.message, msg.error.status, msg.error.origin as ErrorOrigin));
  }

  private fail(err: Error): void {
    if (this.dead) return;
    this.dead = true;
    if (SandboxHost.current) SandboxHost.current = null;
    console.error("[engine] sandbox worker stopped:", err.message);
    for (const p of this.pending.values()) p.reject(new EngineError("sandbox_unavailable", `the sandbox thread stopped: ${err.message}`, 503, "engine"));
    this.pending.clear();
  }
}
