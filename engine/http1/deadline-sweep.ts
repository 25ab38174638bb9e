// One timer per server (not per connection) that enforces the keep-alive timeout and the head and
// request deadlines of its open HTTP connections — node:http's connectionsCheckingInterval, for
// HttpServerConnection. It runs only while there are connections, so an idle lab holds no timer.
import { LinkedSet } from "../collections/linked-set";
import type { HttpServerConnection } from "./server-connection";

export class DeadlineSweep {
  /** A LinkedSet, not a Set: connections come and go at traffic rates (see linked-set.ts). */
  private readonly conns = new LinkedSet<HttpServerConnection>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly everyMs: number) {}

  /** Watches `conn` until it calls forget() (when its socket closes). */
  watch(conn: HttpServerConnection): void {
    this.conns.add(conn);
    if (this.timer === null) {
      this.timer = setInterval(() => this.sweep(), this.everyMs);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.conns.clear();
  }

  forget(conn: HttpServerConnection): void {
    this.conns.delete(conn);
    if (this.conns.size === 0) this.stop();
  }

  private sweep(): void {
    const now = Date.now();
    for (const c of this.conns) c.checkDeadlines(now);
  }
}
