// State one L7 listener shares with every request and upgrade it handles.
import type { Address, L7ListenerSpec } from "../../api/schema";
import type { ListenerContext } from "../../contracts";
import type { CompiledRoute } from "./route-table";
import type { UpstreamPools } from "./upstream-pool";
import type { UpstreamTls } from "../../transport/upstream-connect";
import type { LinkedSet } from "../../collections/linked-set";
import type { Exchange } from "./exchange";

export interface L7Options {
  /** Node's maxHeaderSize: larger request heads get 431 (nginx: large_client_header_buffers). */
  maxHeaderBytes: number;
  maxBodyBytes: number;
  /** Whole head must arrive within this (Slowloris defence; nginx client_header_timeout) → 408. */
  headersTimeoutMs: number;
  /** Whole request (head + body) must arrive within this → 408. */
  requestTimeoutMs: number;
  /** Idle keep-alive downstream connections are closed after this (nginx keepalive_timeout). */
  keepAliveTimeoutMs: number;
  /** How often Node sweeps connections for the two timeouts above. */
  timeoutSweepMs: number;
  /** Defaults for clusters without `timeouts`. */
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  /** Idle pooled upstream connections are closed after this; below the endpoints' own 5 s. */
  upstreamIdleMs: number;
}

export interface DownstreamConn {
  readonly id: string;
  readonly client: Address;
  /** IPv4-mapped addresses unwrapped (what X-Forwarded-For and source-ip hashing use). */
  readonly clientIp: string;
  readonly openedAt: number;
  requests: number;
}

export interface L7Shared {
  readonly spec: L7ListenerSpec;
  readonly ctx: ListenerContext;
  readonly options: L7Options;
  readonly routes: readonly CompiledRoute[];
  readonly pools: UpstreamPools;
  readonly proto: "http" | "https";
  /** Pseudonym in Via (RFC 9110 §7.6.3), e.g. "layerlab-web". */
  readonly via: string;
  readonly upstreamTls: boolean;
  /** Lab-CA verification context for `reencrypt`; undefined for plain upstreams. */
  readonly upstreamTlsCtx: UpstreamTls | undefined;
  /** Requests in flight, so close() can abort them and clear their timers (a LinkedSet: see there why not a Set). */
  readonly inflight: LinkedSet<Exchange>;
  readonly counters: { requests: number };
}

export function unmapIp(address: string | undefined): string {
  if (!address) return "0.0.0.0";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}
