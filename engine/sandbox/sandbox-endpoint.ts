// Shared lifecycle of engine-owned endpoints (http/https and tcp-echo): a loopback front,
// fault state, counters and delayed-response timers that a stop or a lab deletion clears.
import type net from "node:net";
import type { EndpointSpec, Fault } from "../api/schema";
import { faultSchema } from "../api/schema";
import type { EndpointCounters, EndpointRuntime } from "../contracts";
import { ConnectionFront, type FrontConnection } from "./connection-front";
import { defaultServerName, type EndpointContext } from "./endpoint-context";
import { LinkedSet, type SetLinks } from "../collections/linked-set";

/** One answer waiting out a latency fault. */
class DelayedAnswer implements SetLinks<DelayedAnswer> {
  setPrev: DelayedAnswer | null = null;
  setNext: DelayedAnswer | null = null;
  constructor(readonly timer: NodeJS.Timeout) {}
}

export abstract class SandboxEndpoint implements EndpointRuntime {
  readonly host = "127.0.0.1" as const;
  readonly serverName: string;
  protected readonly front: ConnectionFront;
  protected requests = 0;
  /** Requests from the engine's own HTTP health checks, kept out of `requests` (TCP checks: the front). */
  protected healthChecks = 0;
  private current: Fault;
  /** Answers held back by a latency fault (a LinkedSet: they come and go at traffic rates). */
  private readonly delayed = new LinkedSet<DelayedAnswer>();
  private closed = false;

  constructor(
    readonly spec: EndpointSpec,
    protected readonly ctx: EndpointContext,
  ) {
    this.serverName = spec.serverName ?? defaultServerName(spec.name);
    this.current = faultSchema.parse(spec.fault ?? {});
    this.front = new ConnectionFront(ctx.ids, {
      accept: (socket, id) => this.onAccept(socket, id),
      ready: (socket, conn) => this.onReady(socket, conn),
    });
  }

  get name(): string {
    return this.spec.name;
  }
  get port(): number {
    return this.front.port;
  }
  get tls(): boolean {
    return this.spec.tls;
  }
  get fault(): Fault {
    return this.current;
  }

  /** Prepares (certificates) and binds. An endpoint created "down" still reserves its port. */
  async start(): Promise<void> {
    await this.prepare();
    await this.front.listen();
    if (this.current.mode === "down") await this.front.stop();
  }

  async setFault(fault: Fault): Promise<void> {
    if (this.closed) return;
    const next = faultSchema.parse(fault);
    if (next.mode === "down" && this.front.listening) {
      this.clearTimers();
      await this.front.stop();
    } else if (next.mode !== "down" && !this.front.listening) await this.front.listen();
    this.current = next;
    this.ctx.events.emit({ type: "fault.change", endpoint: this.name, fault: next });
  }

  stats(): EndpointCounters {
    return { activeConnections: this.front.activeConnections, totalConnections: this.front.totalConnections, requests: this.requests, healthChecks: this.healthChecks + this.front.tcpHealthChecks };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearTimers();
    await this.front.stop();
    await this.closeExtras();
  }

  /** Runs `fn` after the fault's latency; the timer dies with the endpoint. */
  protected afterLatency(fn: () => void): void {
    const ms = this.current.latencyMs;
    if (ms <= 0) return fn();
    const delayed: DelayedAnswer = new DelayedAnswer(
      setTimeout(() => {
        this.delayed.delete(delayed);
        fn();
      }, ms),
    );
    this.delayed.add(delayed);
  }

  private clearTimers(): void {
    for (const d of this.delayed) clearTimeout(d.timer);
    this.delayed.clear();
  }

  protected prepare(): Promise<void> {
    return Promise.resolve();
  }
  protected closeExtras(): Promise<void> {
    return Promise.resolve();
  }
  protected onAccept(_socket: net.Socket, _id: string): void {}
  protected abstract onReady(socket: net.Socket, conn: FrontConnection): void;
}
