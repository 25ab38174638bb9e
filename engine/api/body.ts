// Reads a JSON request body with a hard size limit: the control API never buffers more than
// this, whatever Content-Length claims (413, like nginx's client_max_body_size).
import type { IncomingMessage } from "node:http";
import { EngineError } from "./errors";

export const MAX_API_BODY = 256 * 1024;

export function readJsonBody(req: IncomingMessage, limit = MAX_API_BODY): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limit) {
      req.resume();
      return reject(new EngineError("body_too_large", `request body larger than ${limit} bytes`, 413, "downstream"));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(new EngineError("body_too_large", `request body larger than ${limit} bytes`, 413, "downstream"));
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", () => {
      failed = true;
      reject(new EngineError("body_aborted", "the client went away while sending the body", 400, "downstream"));
    });
    req.on("end", () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString("utf8");
      if (text.trim() === "") return reject(new EngineError("body_missing", "expected a JSON body", 400, "downstream"));
      try {
        resolve(JSON.parse(text));
      } catch (err) {
        reject(new EngineError("invalid_json", `body is not valid JSON: ${(err as Error).message}`, 400, "downstream"));
      }
    });
  });
}
