// Control API handlers, thin on purpose (DESIGN.md convention 3): parse → authorize → call the
// lab manager → map errors. Authorization (the bearer token) happens in server.ts before any of
// these run; the owner header scopes which labs a caller can see.
import type { IncomingMessage } from "node:http";
import { faultRequestSchema, labSpecSchema, trafficSpecSchema } from "./schema";
import { EngineError } from "./errors";
import { readJsonBody } from "./body";
import { exportLabConfig } from "./config-export";
import { sendJson, validationError } from "./respond";
import { Router, type RouteContext } from "./router";
import type { LabManager } from "../lab/lab-manager";
import { LAB_ID_PATTERN } from "../lab/ids";
import { lastEventIdFrom, streamEvents, type SseOptions } from "../events/sse-writer";
import { CALLER_GONE } from "../traffic/run-stop";
import { defaultTcpTransport } from "../transport/libuv-tcp";

const OWNER = /^[\x21-\x7e]{1,128}$/;

/** `x-layerlab-owner`: who the lab is for (the web app's user id). Absent → null. */
function ownerOf(req: IncomingMessage): string | null {
  const raw = req.headers["x-layerlab-owner"];
  if (raw === undefined) return null;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !OWNER.test(value)) throw new EngineError("invalid_owner", "x-layerlab-owner must be 1-128 printable ASCII characters without spaces", 400, "downstream");
  return value;
}

function labId(ctx: RouteContext): string {
  const id = ctx.params.id ?? "";
  if (!LAB_ID_PATTERN.test(id)) throw new EngineError("lab_not_found", `no lab with id "${id.slice(0, 64)}"`, 404);
  return id;
}

export function createRouter(manager: LabManager, sse: SseOptions = {}): Router {
  const router = new Router();

  // tcpTransport: which transport L4 listeners use on this Node (engine/filters/l4/l4-transport.ts).
  router.add("GET", "/v1/health", ({ res }) => sendJson(res, 200, { ok: true, labs: manager.size, tcpTransport: defaultTcpTransport() }), { public: true });

  router.add("POST", "/v1/labs", async ({ req, res }) => {
    const owner = ownerOf(req);
    const parsed = labSpecSchema.safeParse(await readJsonBody(req));
    if (!parsed.success) throw validationError("lab spec", parsed.error);
    const lab = await manager.create(parsed.data, owner);
    sendJson(res, 201, lab.created(), { location: `/v1/labs/${lab.id}` });
  });

  router.add("GET", "/v1/labs/:id", async (ctx) => {
    const lab = manager.get(labId(ctx), ownerOf(ctx.req));
    lab.touch();
    sendJson(ctx.res, 200, await lab.state());
  });

  router.add("DELETE", "/v1/labs/:id", async (ctx) => {
    await manager.delete(labId(ctx), ownerOf(ctx.req), "request");
    ctx.res.writeHead(204).end();
  });

  router.add("GET", "/v1/labs/:id/events", (ctx) => {
    const lab = manager.get(labId(ctx), ownerOf(ctx.req));
    lab.touch();
    streamEvents(ctx.req, ctx.res, lab.events, lastEventIdFrom(ctx.req, ctx.url), sse);
  });

  router.add("POST", "/v1/labs/:id/traffic", async (ctx) => {
    const lab = manager.get(labId(ctx), ownerOf(ctx.req));
    const parsed = trafficSpecSchema.safeParse(await readJsonBody(ctx.req));
    if (!parsed.success) throw validationError("traffic spec", parsed.error);
    lab.touch();
    // A caller that hangs up gets no answer, so its run stops (the lab's traffic is free again).
    const hungUp = new AbortController();
    const onClose = () => {
      if (!ctx.res.writableEnded) hungUp.abort(CALLER_GONE);
    };
    ctx.res.once("close", onClose);
    try {
      sendJson(ctx.res, 200, await lab.runTraffic(parsed.data, hungUp.signal));
    } finally {
      ctx.res.off("close", onClose);
    }
  });

  router.add("POST", "/v1/labs/:id/faults", async (ctx) => {
    const lab = manager.get(labId(ctx), ownerOf(ctx.req));
    const parsed = faultRequestSchema.safeParse(await readJsonBody(ctx.req));
    if (!parsed.success) throw validationError("fault request", parsed.error);
    lab.touch();
    sendJson(ctx.res, 200, await lab.applyFault(parsed.data));
  });

  router.add("GET", "/v1/labs/:id/config", async (ctx) => {
    const lab = manager.get(labId(ctx), ownerOf(ctx.req));
    const format = ctx.url.searchParams.get("format");
    if (format !== "nginx" && format !== "haproxy")
      throw new EngineError("invalid_request", "format must be nginx or haproxy", 400, "downstream", [{ path: "format", message: 'expected "nginx" or "haproxy"' }]);
    lab.touch();
    const text = exportLabConfig(lab.spec, format, lab.ports());
    ctx.res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
    ctx.res.end(text);
  });

  return router;
}
