// WebSocket through the L7 listener (RFC 6455 §4.1): the Upgrade request is routed and balanced
// like any request, forwarded on a fresh upstream connection (never pooled: after 101 it is a
// tunnel, not HTTP), and then bytes are piped both ways — HAProxy's "tunnel mode" after a 101,
// nginx's `proxy_http_version 1.1` + `Upgrade`/`Connection` headers. Two connections per
// client, both visible: downstream.connect for the client's, upstream.connect for ours.
import type net from "node:net";
import type { ServerRequest } from "../../http1/server-connection";
import type { Duplex } from "node:stream";
import type { TLSSocket } from "node:tls";
import { connectUpstream } from "../../transport/upstream-connect";
import { describeTls } from "../../transport/tls-info";
import { RequestView } from "./request-view";
import { flatHeaders } from "../../http1/flat-headers";
import { stickyCookie } from "./cookies";
import { chooseEndpoint } from "./endpoint-choice";
import { relayUpgradeHead } from "./upgrade-response-head";
import { incomingRequestId, upstreamRequestHeaders } from "./forward-headers";
import { PROXY_ERRORS, sendRawError } from "./proxy-errors";
import { matchRoute, normalizeHost, pathOf } from "./route-table";
import type { DownstreamConn, L7Shared } from "./l7-shared";

/** nginx's proxy_read_timeout default for an idle tunnel. */
const TUNNEL_IDLE_MS = 60_000;

/** `socket`'s errors already have a listener: the one serveHttp() attached when it was accepted. */
export function proxyUpgrade(s: L7Shared, dc: DownstreamConn, req: ServerRequest, socket: Duplex, head: Buffer, tunnels: Set<net.Socket | Duplex>): void {
  if (!/^websocket$/i.test(String(req.headers.upgrade ?? ""))) return sendRawError(socket, PROXY_ERRORS.upgradeUnsupported, String(req.headers.upgrade));
  if (!req.url.startsWith("/")) return sendRawError(socket, PROXY_ERRORS.badRequest, "WebSocket upgrades need an origin-form target");
  const ev = s.ctx.events;
  const listener = s.spec.name;
  const requestId = incomingRequestId(req.headers["x-request-id"]) ?? s.ctx.ids.next("r");
  const routeReq = new RequestView(pathOf(req.url), normalizeHost(req.headers.host as string | undefined), req.headers);
  s.counters.requests++;
  dc.requests++;
  if (ev.wants("http.request"))
    ev.emit({ type: "http.request", listener, connectionId: dc.id, requestId, method: req.method, path: req.url, host: routeReq.host, headers: flatHeaders(req.headers), cookies: routeReq.cookies() });
  const route = matchRoute(s.routes, routeReq);
  if (!route) return sendRawError(socket, PROXY_ERRORS.noRoute, routeReq.path);
  if (ev.wants("route.match")) ev.emit({ type: "route.match", listener, connectionId: dc.id, requestId, route: route.name ?? `#${route.index}`, cluster: route.cluster, matchedOn: route.matchedOn });
  const cluster = s.ctx.clusters.get(route.cluster);
  if (!cluster) return sendRawError(socket, PROXY_ERRORS.unknownCluster, route.cluster);
  const choice = chooseEndpoint(cluster, { sourceIp: dc.clientIp, request: routeReq });
  if (!choice) return sendRawError(socket, PROXY_ERRORS.noHealthyUpstream, cluster.name);
  const { member } = choice;
  const endpoint = member.endpoint;
  if (ev.wants("lb.pick")) ev.emit({ type: "lb.pick", listener, connectionId: dc.id, requestId, cluster: cluster.name, endpoint: endpoint.name, reason: choice.reason });

  const fwd = upstreamRequestHeaders(req.rawHeaders, { clientIp: dc.clientIp, proto: s.proto, requestId, via: s.via }, true);
  const upstreamId = s.ctx.ids.next("u");
  cluster.acquire(member);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    cluster.release(member);
  };
  tunnels.add(socket);
  const upstream = connectUpstream(
    {
      host: endpoint.host,
      port: endpoint.port,
      tls: s.upstreamTlsCtx ? { ctx: s.upstreamTlsCtx, servername: endpoint.serverName } : undefined,
      connectTimeoutMs: cluster.spec.timeouts?.connectMs ?? s.options.connectTimeoutMs,
    },
    (err, up) => {
      if (err || !up) {
        release();
        tunnels.delete(upstream);
        tunnels.delete(socket);
        cluster.reportFailure(member, err?.message ?? "connect failed");
        return sendRawError(socket, err?.code === "LL_UPSTREAM_TLS_FAILED" ? PROXY_ERRORS.upstreamTls : PROXY_ERRORS.upstreamConnect, `${endpoint.name}: ${err?.message}`);
      }
      if (socket.destroyed) {
        release();
        tunnels.delete(up);
        return up.destroy();
      }
      if (s.upstreamTlsCtx && ev.wants("tls.handshake"))
        ev.emit({ type: "tls.handshake", listener, connectionId: dc.id, side: "upstream", ...describeTls(up as TLSSocket, "upstream") });
      if (ev.wants("upstream.connect")) {
        const local = up.address() as net.AddressInfo;
        ev.emit({ type: "upstream.connect", listener, connectionId: dc.id, upstreamConnectionId: upstreamId, endpoint: endpoint.name, reused: false, tls: !!s.upstreamTlsCtx, local: { address: local.address, port: local.port }, proxyProtocol: null });
      }
      if (ev.wants("websocket.upgrade")) ev.emit({ type: "websocket.upgrade", listener, connectionId: dc.id, requestId, path: req.url, endpoint: endpoint.name, upstreamConnectionId: upstreamId });
      let headLines = `${req.method} ${req.url} HTTP/1.1\r\n`;
      const h = fwd.headers;
      for (let i = 0; i < h.length; i += 2) headLines += `${h[i]}: ${h[i + 1]}\r\n`;
      up.write(headLines + "\r\n");
      if (head.length > 0) up.write(head);
      up.setTimeout(TUNNEL_IDLE_MS, () => up.destroy());
      const tunnel = () => {
        up.pipe(socket);
        socket.pipe(up);
      };
      // A sticky cluster issues its cookie on the 101 too: the page's next requests then reach the
      // endpoint that holds its socket.
      const sticky = cluster.spec.sticky;
      if (sticky && choice.issueCookie) relayUpgradeHead(up, socket, `set-cookie: ${stickyCookie(sticky.cookie, choice.issueCookie, sticky.ttlSeconds, s.proto === "https")}`, tunnel);
      else tunnel();
      up.on("close", () => {
        release();
        tunnels.delete(up);
        socket.destroy();
        if (ev.wants("upstream.close"))
          ev.emit({ type: "upstream.close", listener, connectionId: dc.id, upstreamConnectionId: upstreamId, endpoint: endpoint.name, bytesIn: up.bytesRead, bytesOut: up.bytesWritten });
      });
      socket.on("close", () => {
        tunnels.delete(socket);
        up.destroy();
      });
    },
  );
  tunnels.add(upstream);
  upstream.on("error", () => upstream.destroy());
  socket.on("close", () => {
    if (!upstream.readyState || upstream.connecting) upstream.destroy();
  });
}
