// The traffic composer's form state and its conversion to and from a traffic spec. Validation
// uses the engine's own trafficSpecSchema, so the browser reports the same problems the engine
// would, next to the field they concern.
import { trafficProtocolProblem, trafficSpecSchema, type TrafficSpec, type TrafficSpecInput } from "@/engine/api/schema";

export interface ComposerForm {
  listener: string;
  protocol: "http" | "websocket" | "tcp";
  method: string;
  clients: string;
  requests: string;
  concurrency: string;
  rate: string;
  paths: string;
  host: string;
  headers: string;
  cookies: string;
  keepAlive: boolean;
  https: boolean;
  sni: string;
  wsMessages: string;
}

export function formFromSpec(s: TrafficSpec): ComposerForm {
  return {
    listener: s.listener,
    protocol: s.protocol,
    method: s.method,
    clients: String(s.clients),
    requests: String(s.requests),
    concurrency: String(s.concurrency),
    rate: s.ratePerSecond ? String(s.ratePerSecond) : "",
    paths: s.paths.join(" "),
    host: s.host ?? "",
    headers: Object.entries(s.headers).map(([k, v]) => `${k}: ${v}`).join("\n"),
    cookies: Object.entries(s.cookies).map(([k, v]) => `${k}=${v}`).join("; "),
    keepAlive: s.keepAlive,
    https: Boolean(s.tls),
    sni: s.tls?.serverName ?? "",
    wsMessages: String(s.websocket?.messages ?? 1),
  };
}

const int = (v: string) => (v.trim() === "" ? undefined : Number(v));

/** `layer`: the chosen listener's, when known, so a protocol it cannot carry is caught here too. */
export function specFromForm(f: ComposerForm, layer?: "l4" | "l7"): { spec: TrafficSpecInput | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const mismatch = layer ? trafficProtocolProblem(f.protocol, layer) : null;
  if (mismatch) errors.protocol = mismatch;
  const headers: Record<string, string> = {};
  for (const line of f.headers.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const i = line.indexOf(":");
    if (i <= 0) errors.headers = `"${line}" is not "Name: value"`;
    else headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  const cookies: Record<string, string> = {};
  for (const pair of f.cookies.split(";").map((p) => p.trim()).filter(Boolean)) {
    const i = pair.indexOf("=");
    if (i <= 0) errors.cookies = `"${pair}" is not "name=value"`;
    else cookies[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  const input: TrafficSpecInput = {
    listener: f.listener,
    protocol: f.protocol,
    method: f.method as TrafficSpecInput["method"],
    clients: int(f.clients),
    requests: int(f.requests),
    concurrency: int(f.concurrency),
    ratePerSecond: int(f.rate),
    paths: f.paths.split(/[\s,]+/).filter(Boolean),
    host: f.host.trim() || undefined,
    headers,
    cookies,
    keepAlive: f.keepAlive,
    ...(f.https ? { tls: f.sni.trim() ? { serverName: f.sni.trim() } : {} } : {}),
    ...(f.protocol === "websocket" ? { websocket: { messages: int(f.wsMessages) ?? 1 } } : {}),
  };
  const parsed = trafficSpecSchema.safeParse(input);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form");
      const field = key === "ratePerSecond" ? "rate" : key === "tls" ? "sni" : key === "websocket" ? "wsMessages" : key;
      errors[field] ??= issue.message;
    }
  return { spec: Object.keys(errors).length ? null : input, errors };
}
