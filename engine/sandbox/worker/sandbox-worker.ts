// The sandbox thread: runs every lab's http/tcp-echo endpoints on their own event loop, so the
// proxies on the main thread do not share a CPU core with the servers behind them — as in any
// real deployment, where backends are other machines. The endpoints are the same classes the
// engine can run inline (startSandboxEndpoint); only their context differs.
import { parentPort } from "node:worker_threads";
import { isEngineError } from "../../api/errors";
import type { IdSource } from "../../contracts";
import { startSandboxEndpoint } from "../create-endpoint";
import type { SandboxEndpoint } from "../sandbox-endpoint";
import { EventBatcher } from "./event-batcher";
import type { HostReply, HostRequest } from "./protocol";

const port = parentPort;
if (!port) throw new Error("sandbox-worker.ts must run in a worker thread");
const post = (msg: HostReply) => port.postMessage(msg);
const batcher = new EventBatcher(post);
const endpoints = new Map<string, SandboxEndpoint>();
const perLab = new Map<string, { ids: IdSource; count: number }>();
const key = (labId: string, name: string) => `${labId}/${name}`;

function labState(labId: string) {
  let s = perLab.get(labId);
  if (!s) {
    const counters = { c: 0, u: 0, r: 0, e: 0 };
    s = { ids: { next: (p) => p + ++counters[p] }, count: 0 };
    perLab.set(labId, s);
  }
  return s;
}

function endpoint(labId: string, name: string): SandboxEndpoint {
  const e = endpoints.get(key(labId, name));
  if (!e) throw Object.assign(new Error(`no endpoint ${name} in lab ${labId}`), { code: "endpoint_not_found", status: 404 });
  return e;
}

async function handle(req: HostRequest): Promise<unknown> {
  switch (req.op) {
    case "start": {
      const lab = labState(req.labId);
      const cert = req.cert;
      const ca = {
        caCertPem: "",
        issue: () => (cert ? Promise.resolve(cert) : Promise.reject(new Error("no certificate was sent for this TLS endpoint"))),
      };
      const e = await startSandboxEndpoint(req.spec, { labId: req.labId, events: batcher.sinkFor(req.labId, req.dataPlane), ids: lab.ids, ca });
      endpoints.set(key(req.labId, req.spec.name), e);
      lab.count++;
      return { port: e.port };
    }
    case "dataPlane":
      batcher.setDataPlane(req.labId, req.on);
      return null;
    case "fault": {
      const e = endpoint(req.labId, req.name);
      await e.setFault(req.fault);
      return { fault: e.fault };
    }
    case "close": {
      const k = key(req.labId, req.name);
      const e = endpoints.get(k);
      if (!e) return null;
      endpoints.delete(k);
      await e.close();
      const lab = perLab.get(req.labId);
      if (lab && --lab.count <= 0) {
        perLab.delete(req.labId);
        batcher.forget(req.labId);
      }
      return null;
    }
    case "stats":
      return req.names.map((n) => endpoints.get(key(req.labId, n))?.stats() ?? null);
    case "resources":
      return process.getActiveResourcesInfo();
  }
}

port.on("message", (msg: { id: number; req: HostRequest }) => {
  handle(msg.req).then(
    (result) => post({ kind: "reply", id: msg.id, ok: true, result }),
    (err: unknown) => {
      const e = err as { code?: string; message?: string; status?: number; origin?: string };
      post({
        kind: "reply",
        id: msg.id,
        ok: false,
        error: { code: isEngineError(err) || typeof e.code === "string" ? String(e.code) : "sandbox_error", message: e.message ?? String(err), status: e.status ?? 500, origin: e.origin ?? "upstream" },
      });
    },
  );
});
