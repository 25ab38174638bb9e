// A control server on port 0 with its own LabManager, plus a small JSON client and an SSE reader.
import http from "node:http";
import { createControlServer, type ControlServer } from "../../engine/api/server";
import { LabManager, type LabManagerOptions } from "../../engine/lab/lab-manager";

/** Responses are probed field by field in assertions; a loose type keeps the tests readable. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export const TOKEN = "test-token-0123456789abcdef";

export interface ApiHarness {
  port: number;
  manager: LabManager;
  call(method: string, path: string, options?: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string> }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; json: Json }>;
  close(): Promise<void>;
}

export async function startApi(options: LabManagerOptions = {}, sse: { heartbeatMs?: number } = {}): Promise<ApiHarness> {
  const manager = new LabManager({ events: { budget: 1_000_000 }, ...options });
  const control: ControlServer = createControlServer({ token: TOKEN, manager, sse });
  const port = await control.listen(0);
  return {
    port,
    manager,
    call(method, path, o = {}) {
      return new Promise((resolve, reject) => {
        const headers: Record<string, string> = { ...o.headers };
        if (o.token !== null) headers.authorization = `Bearer ${o.token ?? TOKEN}`;
        const payload = o.raw ?? (o.body !== undefined ? JSON.stringify(o.body) : undefined);
        if (payload !== undefined) headers["content-type"] = "application/json";
        const req = http.request({ host: "127.0.0.1", port, method, path, headers, agent: false }, (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => (body += d));
          res.on("end", () => {
            let json: unknown = null;
            try {
              json = JSON.parse(body);
            } catch {
              json = null;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
          });
        });
        req.on("error", reject);
        req.end(payload);
      });
    },
    async close() {
      await manager.closeAll();
      await control.close();
    },
  };
}

export interface SseFrame {
  id: number | null;
  data: Json;
  comment: string | null;
}

/** Opens an SSE stream; frames accumulate until close(). */
export function openSse(port: number, path: string, headers: Record<string, string> = {}) {
  const frames: SseFrame[] = [];
  let status = 0;
  let ended = false;
  let buffer = "";
  const req = http.get({ host: "127.0.0.1", port, path, agent: false, headers: { authorization: `Bearer ${TOKEN}`, accept: "text/event-stream", ...headers } }, (res) => {
    status = res.statusCode ?? 0;
    res.setEncoding("utf8");
    res.on("data", (d: string) => {
      buffer += d;
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) !== -1) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let id: number | null = null;
        let data: unknown = null;
        let comment: string | null = null;
        for (const line of block.split("\n")) {
          if (line.startsWith("id: ")) id = Number(line.slice(4));
          else if (line.startsWith("data: ")) data = JSON.parse(line.slice(6));
          else if (line.startsWith(": ")) comment = line.slice(2);
        }
        if (id !== null || comment !== null) frames.push({ id, data, comment });
      }
    });
    res.on("end", () => (ended = true));
    res.on("error", () => (ended = true));
  });
  req.on("error", () => (ended = true));
  return {
    frames,
    get status() {
      return status;
    },
    get ended() {
      return ended;
    },
    events: () => frames.filter((f) => f.id !== null),
    close: () => req.destroy(),
  };
}
