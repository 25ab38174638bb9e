// One traffic result joined with what every hop saw of it: the shape the check DSL filters on
// and the inspector reads. Built by build-records.ts from the engine's traffic run and events.

export interface ResultRecord {
  run: string;
  seq: number;
  listener: string;
  layer: "l4" | "l7";
  protocol: "http" | "websocket" | "tcp";
  client: number;
  sourceIp: string;
  connectionId: string | null;
  requestId: string | null;
  /** What the client sent (from the traffic spec: paths cycle request by request). */
  method: string;
  path: string;
  host: string | null;
  https: boolean;
  keepAlive: boolean;
  /** What answered. */
  endpoint: string | null;
  cluster: string | null;
  status: number | null;
  ok: boolean;
  error: string | null;
  totalMs: number;
  /** What the first proxy decided and saw. */
  route: string | null;
  matchedOn: string | null;
  pick: string | null;
  hashInput: string | null;
  proxySawPath: string | null;
  proxySawHost: string | null;
  proxyHeaders: Record<string, string>;
  sni: string | null;
  downstreamTls: string | null;
  certificate: string | null;
  /** A second-tier listener the request passed through (listener endpoints), if any. */
  via: string | null;
  retried: boolean;
  attempts: number;
  upstreamTls: boolean | null;
  /** What arrived at the endpoint. */
  endpointPeer: string | null;
  endpointEncrypted: boolean | null;
  endpointHeaders: Record<string, string>;
  endpointProxyProtocol: string | null;
}

type FieldKind = "string" | "number" | "boolean" | "map";

/** Every field a check may name, with its kind (map fields are addressed as field.key). */
export const resultFields = {
  run: "string",
  seq: "number",
  listener: "string",
  layer: "string",
  protocol: "string",
  client: "number",
  sourceIp: "string",
  connectionId: "string",
  requestId: "string",
  method: "string",
  path: "string",
  host: "string",
  https: "boolean",
  keepAlive: "boolean",
  endpoint: "string",
  cluster: "string",
  status: "number",
  ok: "boolean",
  error: "string",
  totalMs: "number",
  route: "string",
  matchedOn: "string",
  pick: "string",
  hashInput: "string",
  proxySawPath: "string",
  proxySawHost: "string",
  proxyHeaders: "map",
  sni: "string",
  downstreamTls: "string",
  certificate: "string",
  via: "string",
  retried: "boolean",
  attempts: "number",
  upstreamTls: "boolean",
  endpointPeer: "string",
  endpointEncrypted: "boolean",
  endpointHeaders: "map",
  endpointProxyProtocol: "string",
} as const satisfies Record<keyof ResultRecord, FieldKind>;

/** Reads `field` or `mapField.key` (header names compared case-insensitively). */
export function readField(record: ResultRecord, path: string): unknown {
  const dot = path.indexOf(".");
  if (dot < 0) return (record as unknown as Record<string, unknown>)[path];
  const map = (record as unknown as Record<string, unknown>)[path.slice(0, dot)];
  if (!map || typeof map !== "object") return undefined;
  const key = path.slice(dot + 1).toLowerCase();
  for (const [k, v] of Object.entries(map as Record<string, unknown>)) if (k.toLowerCase() === key) return v;
  return undefined;
}
