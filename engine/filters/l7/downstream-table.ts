// Downstream connections of one listener: the open ones, and a ring of recently closed ones. The
// traffic generator asks "which connection id did my socket get?" (idFor); it may ask just after
// the listener saw the close, so recently closed connections are remembered too (bounded).
//
// No Map or Set: connections come and go at traffic rates, and a hash table with that churn
// makes the young-generation collector keep what it held (see collections/linked-set.ts).
// Lookups walk the open connections and the ring instead, as the L4 listener does: both are
// bounded (LIMITS.downstreamConnectionsPerListener, RECENT), and lookups are rare (one per TLS
// handshake, one per generated request).
import type { Address } from "../../api/schema";
import { LinkedSet, type SetLinks } from "../../collections/linked-set";
import type { DownstreamConn } from "./l7-shared";

const RECENT = 1024;

interface Closed {
  address: string;
  port: number;
  id: string;
}

export class DownstreamTable<C extends DownstreamConn & SetLinks<C>> implements Iterable<C> {
  private readonly open = new LinkedSet<C>();
  private readonly recent: (Closed | undefined)[] = new Array(RECENT);
  private recentNext = 0;

  add(conn: C): void {
    this.open.add(conn);
  }

  /** The open connection from this client address and port (the newest, should a port be reused before a close is seen). */
  get(address: string, port: number): C | undefined {
    return this.open.findNewest((conn) => conn.client.port === port && conn.clientIp === address);
  }

  remove(conn: C): void {
    if (!this.open.delete(conn)) return;
    this.recent[this.recentNext] = { address: conn.clientIp, port: conn.client.port, id: conn.id };
    this.recentNext = (this.recentNext + 1) % RECENT;
  }

  idFor(client: Address): string | undefined {
    const ip = client.address.startsWith("::ffff:") ? client.address.slice(7) : client.address;
    const open = this.get(ip, client.port);
    if (open) return open.id;
    // Newest first: a client port reused since belongs to the newer connection.
    for (let back = 1; back <= RECENT; back++) {
      const r = this.recent[(this.recentNext - back + RECENT) % RECENT];
      if (r && r.port === client.port && r.address === ip) return r.id;
    }
    return undefined;
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
    this.recent.fill(undefined);
  }
}
