// Downstream connections of one listener, by client address and port. The traffic generator asks
// "which connection id did my socket get?" (connectionIdFor); it may ask just after the listener
// saw the close, so recently closed connections are remembered too (bounded).
import type { Address } from "../../api/schema";
import type { DownstreamConn } from "./l7-shared";

const RECENT = 1024;

export class DownstreamTable {
  private readonly active = new Map<string, DownstreamConn>();
  /**
   * Recently closed connections by key, and the ring slot each was recorded in. The ring decides
   * what to forget (the oldest of RECENT slots); a Map's own "oldest first" (keys().next() after
   * many deletions) walks over the deleted entries and showed in profiles with a connection per
   * request.
   */
  private readonly recent = new Map<string, { id: string; slot: number }>();
  private readonly recentKeys: (string | undefined)[] = new Array(RECENT);
  private recentNext = 0;

  static key(address: string, port: number): string {
    return `${address}:${port}`;
  }

  add(conn: DownstreamConn): void {
    this.active.set(DownstreamTable.key(conn.clientIp, conn.client.port), conn);
  }

  get(address: string, port: number): DownstreamConn | undefined {
    return this.active.get(DownstreamTable.key(address, port));
  }

  remove(conn: DownstreamConn): void {
    const key = DownstreamTable.key(conn.clientIp, conn.client.port);
    if (this.active.get(key) === conn) this.active.delete(key);
    const slot = this.recentNext;
    const evicted = this.recentKeys[slot];
    // Forget the slot's old connection, unless its client port was reused by a newer one since.
    if (evicted !== undefined && this.recent.get(evicted)?.slot === slot) this.recent.delete(evicted);
    this.recentKeys[slot] = key;
    this.recent.set(key, { id: conn.id, slot });
    this.recentNext = (slot + 1) % RECENT;
  }

  idFor(client: Address): string | undefined {
    const ip = client.address.startsWith("::ffff:") ? client.address.slice(7) : client.address;
    const key = DownstreamTable.key(ip, client.port);
    return this.active.get(key)?.id ?? this.recent.get(key)?.id;
  }

  get size(): number {
    return this.active.size;
  }

  clear(): void {
    this.active.clear();
    this.recent.clear();
    this.recentKeys.fill(undefined);
  }
}
