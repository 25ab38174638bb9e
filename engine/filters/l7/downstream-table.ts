// Downstream connections of one listener: the open ones, and a ring of recently closed ones. The
// traffic generator asks "which connection id did my socket get?" (idFor); it may ask just after
// the listener saw the close, so recently closed connections are remembered too (bounded).
//
// No Map or Set: connections come and go at traffic rates, and a hash table with that churn
// makes the young-generation collector keep what it held (see collections/linked-set.ts).
// Lookups walk the open connections and a ring of closed ones instead, as the L4 listener does:
// both are bounded (LIMITS.downstreamConnectionsPerListener, RECENT), and lookups are rare (one
// per TLS handshake, one per generated request).
import type { Address } from "../../api/schema";
import { LinkedSet, type SetLinks } from "../../collections/linked-set";
import { RecentlyClosed } from "../../collections/recently-closed";
import { unmapIp, type DownstreamConn } from "./l7-shared";

const RECENT = 1024;

export class DownstreamTable<C extends DownstreamConn & SetLinks<C>> implements Iterable<C> {
  private readonly open = new LinkedSet<C>();
  private readonly recent = new RecentlyClosed(RECENT);

  add(conn: C): void {
    this.open.add(conn);
  }

  /** The open connection from this client address and port (the newest, should a port be reused before its close is seen). */
  get(address: string, port: number): C | undefined {
    return this.open.findNewest((conn) => conn.client.port === port && conn.clientIp === address);
  }

  remove(conn: C): void {
    if (!this.open.delete(conn)) return;
    this.recent.record(conn.clientIp, conn.client.port, conn.id);
  }

  idFor(client: Address): string | undefined {
    const ip = unmapIp(client.address);
    return this.get(ip, client.port)?.id ?? this.recent.idFor(ip, client.port);
  }

  get size(): number {
    return this.open.size;
  }

  /** The open connections, walked over a copy (closing them from the loop is safe). */
  [Symbol.iterator](): Iterator<C> {
    return this.open[Symbol.iterator]();
  }

  clear(): void {
    this.open.clear();
    this.recent.clear();
  }
}
