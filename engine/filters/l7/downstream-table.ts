// Downstream connections of one listener, by client address and port. The traffic generator asks
// "which connection id did my socket get?" (connectionIdFor); it may ask just after the listener
// saw the close, so recently closed connections are remembered too (bounded).
import type { Address } from "../../api/schema";
import type { DownstreamConn } from "./l7-shared";

const RECENT = 1024;

export class DownstreamTable {
  private readonly active = new Map<string, DownstreamConn>();
  private readonly recent = new Map<string, string>();

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
    this.recent.delete(key);
    this.recent.set(key, conn.id);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
  }

  idFor(client: Address): string | undefined {
    const ip = client.address.startsWith("::ffff:") ? client.address.slice(7) : client.address;
    const key = DownstreamTable.key(ip, client.port);
    return this.active.get(key)?.id ?? this.recent.get(key);
  }

  get size(): number {
    return this.active.size;
  }

  clear(): void {
    this.active.clear();
    this.recent.clear();
  }
}
