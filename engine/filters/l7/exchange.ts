// One downstream request, start to finish: route → body → pick → upstream attempt(s) → response.
//
// Retries follow Envoy's `retry_on: connect-failure,5xx` and nginx's `proxy_next_upstream
// error http_500 ...`: only idempotent methods (RFC 9110 §9.2.2), only on another endpoint,
// at most `cluster.retries.attempts` times. POST and PATCH are never replayed — the endpoint may
// already have acted on them.
import type { ClusterRuntime } from "../../contracts";
import { flatHeaders } from "../../http1/flat-headers";
import type { ServerRequest, ServerResponse } from "../../http1/server-connection";
import { PROXY_ERRORS, sendError, type ProxyErrorSpec } from "./proxy-errors";
import { matchRoute, normalizeHost, pathOf, type CompiledRoute } from "./route-table";
import { RequestView } from "./request-view";
import { incomingRequestId, upstreamRequestHeaders, type ForwardInfo, type UpstreamRequestHeaders } from "./forward-headers";
import { chooseEndpoint, type EndpointChoice } from "./endpoint-choice";
import { Attempt } from "./attempt";
import type { DownstreamConn, L7Shared } from "./l7-shared";

/**
 * RFC 9112 §3.2.2: a server must accept the absolute-form ("GET http://host/path") too; the
 * upstream gets origin-form. Anything else that is not "/..." (e.g. "*") is refused with 400.
 */
function originForm(url: string): string {
  if (url.startsWith("/")) return url;
  if (!/^https?:\/\//i.test(url)) return url;
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
export type RetryCause = "connect-failure" | "5xx";

export class Exchange {
  readonly startedAt = performance.now();
  readonly requestId: string;
  /** Origin-form request target for the upstream (RFC 9112 §3.2.1). */
  readonly target: string;
  readonly routeReq: RequestView;
  readonly fwd: ForwardInfo;
  route: CompiledRoute | null = null;
  cluster: ClusterRuntime | null = null;
  body: Buffer | null = null;
  upstreamHeaders: UpstreamRequestHeaders | null = null;
  /** The endpoint of the first send; a Set of every endpoint tried is made only if a retry asks. */
  private firstTried: string | null = null;
  private triedSet: Set<string> | null = null;
  retriesUsed = 0;
  staleRetried = false;
  current: Attempt | null = null;
  finished = false;
  /** Links in the listener's requests in flight (s.inflight). */
  setPrev: Exchange | null = null;
  setNext: Exchange | null = null;

  constructor(
    readonly s: L7Shared,
    readonly dc: DownstreamConn,
    readonly req: ServerRequest,
    readonly res: ServerResponse,
  ) {
    const h = req.headers;
    this.requestId = incomingRequestId(h["x-request-id"]) ?? s.ctx.ids.next("r");
    this.target = originForm(req.url);
    // Absolute-form: the target's authority replaces Host for routing (RFC 9112 §3.2.2).
    const host = this.target !== req.url ? normalizeHost(req.url.replace(/^https?:\/\//i, "").split("/")[0]) : normalizeHost(h.host as string | undefined);
    this.routeReq = new RequestView(pathOf(this.target), host, h);
    this.fwd = { clientIp: dc.clientIp, proto: s.proto, requestId: this.requestId, via: s.via };
  }

  get listener(): string {
    return this.s.spec.name;
  }

  start(): void {
    const { s, req, res } = this;
    s.counters.requests++;
    this.dc.requests++;
    s.inflight.add(this);
    res.whenAborted(this);
    const ev = s.ctx.events;
    if (ev.wants("http.request"))
      ev.emit({ type: "http.request", listener: this.listener, connectionId: this.dc.id, requestId: this.requestId, method: req.method, path: req.url, host: this.routeReq.host, headers: flatHeaders(req.headers), cookies: this.routeReq.cookies() });
    if (!this.target.startsWith("/")) return this.fail(PROXY_ERRORS.badRequest, `unsupported request target ${JSON.stringify(req.url).slice(0, 80)}`);
    const route = (this.route = matchRoute(s.routes, this.routeReq));
    if (!route) return this.fail(PROXY_ERRORS.noRoute, `${req.method} ${this.routeReq.path} host ${this.routeReq.host ?? "(none)"}`);
    if (ev.wants("route.match"))
      ev.emit({ type: "route.match", listener: this.listener, connectionId: this.dc.id, requestId: this.requestId, route: route.name ?? `#${route.index}`, cluster: route.cluster, matchedOn: route.matchedOn });
    const cluster = (this.cluster = s.ctx.clusters.get(route.cluster) ?? null);
    if (!cluster) return this.fail(PROXY_ERRORS.unknownCluster, route.cluster);
    // The server connection read the whole body already (nginx's proxy_request_buffering): a
    // retry can send it again, and bodies over the limit were refused with 413 before routing.
    this.body = req.body;
    this.upstreamHeaders = upstreamRequestHeaders(req.rawHeaders, this.fwd, false, { bodyLength: req.body ? req.body.length : null, method: req.method, defaultHost: s.spec.hostnames[0] ?? "lab.test" });
    this.pickAndSend(null);
  }

  /** Pick an endpoint (excluding those tried) and start an attempt on it. */
  pickAndSend(retryOf: { endpoint: string; cause: RetryCause; detail: string } | null): void {
    const choice = chooseEndpoint(this.cluster!, { sourceIp: this.dc.clientIp, request: this.routeReq, exclude: retryOf ? this.tried() : undefined, retryOf: retryOf?.endpoint });
    if (!choice) return this.fail(PROXY_ERRORS.noHealthyUpstream, `cluster ${this.cluster!.name}`);
    if (retryOf) this.emitRetry(retryOf);
    this.send(choice, false);
  }

  send(choice: EndpointChoice, staleRetry: boolean): void {
    const ev = this.s.ctx.events;
    const name = choice.member.endpoint.name;
    if (this.triedSet) this.triedSet.add(name);
    else this.firstTried ??= name;
    if (!staleRetry && ev.wants("lb.pick"))
      ev.emit({ type: "lb.pick", listener: this.listener, connectionId: this.dc.id, requestId: this.requestId, cluster: this.cluster!.name, endpoint: choice.member.endpoint.name, reason: choice.reason });
    this.current = new Attempt(this, choice);
    this.current.dispatch();
  }

  /** May this request be replayed elsewhere after `cause`? Consumes one retry when true. */
  mayRetry(cause: RetryCause): boolean {
    const r = this.cluster?.spec.retries;
    if (!r || this.finished || !IDEMPOTENT.has(this.req.method)) return false;
    if (this.retriesUsed >= r.attempts || !r.on.includes(cause)) return false;
    // Only worth it if some other healthy endpoint exists (Envoy's retry host predicate).
    const tried = this.tried();
    return this.cluster!.members.some((m) => m.healthy && !tried.has(m.endpoint.name));
  }

  /** Endpoints this request was already sent to. */
  private tried(): Set<string> {
    return (this.triedSet ??= new Set(this.firstTried === null ? [] : [this.firstTried]));
  }

  isIdempotent(): boolean {
    return IDEMPOTENT.has(this.req.method);
  }

  emitRetry(r: { endpoint: string; cause: RetryCause | "stale-connection"; detail: string }): void {
    const ev = this.s.ctx.events;
    if (ev.wants("retry"))
      ev.emit({ type: "retry", listener: this.listener, connectionId: this.dc.id, requestId: this.requestId, attempt: Math.max(1, this.retriesUsed), fromEndpoint: r.endpoint, reason: `${r.cause}: ${r.detail}` });
  }

  /** The proxy answers by itself (no upstream response to relay). */
  fail(e: ProxyErrorSpec, detail?: string, endpoint: string | null = null): void {
    if (this.finished) return;
    sendError(this.res, e, ["x-request-id", this.requestId, "via", `1.1 ${this.s.via}`], detail, this.requestId);
    this.complete(e.status, endpoint, e.code);
  }

  complete(status: number, endpoint: string | null, error: string | null): void {
    if (this.finished) return;
    this.finished = true;
    this.s.inflight.delete(this);
    const ev = this.s.ctx.events;
    if (ev.wants("http.response"))
      ev.emit({ type: "http.response", listener: this.listener, connectionId: this.dc.id, requestId: this.requestId, status, durationMs: Math.round((performance.now() - this.startedAt) * 100) / 100, endpoint, error });
  }

  downstreamClosed(): void {
    if (this.finished) return;
    // The client went away mid-request (nginx logs this as 499): stop the upstream work too.
    this.current?.cancel();
    this.complete(499, this.current?.choice.member.endpoint.name ?? null, "LL_DOWNSTREAM_CLOSED");
  }

  /** Listener shutdown or a broken downstream: drop everything. */
  abort(): void {
    this.current?.cancel();
    if (!this.finished) {
      this.res.destroy();
      this.complete(499, null, "LL_DOWNSTREAM_CLOSED");
    }
  }
}
