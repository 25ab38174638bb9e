// JSON responses and errors for the control API: every error is `{ error: { code, message,
// problems?, origin } }` with a stable code; validation failures list every problem with its
// path, so the web app (or a person with curl) can fix the spec without guessing.
import type { ServerResponse } from "node:http";
import type { z } from "zod";
import type { ApiProblem } from "./schema";
import { EngineError, isEngineError } from "./errors";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(payload), "cache-control": "no-store", ...headers });
  res.end(payload);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const e = isEngineError(err) ? err : new EngineError("internal_error", "the engine hit an unexpected error; it has been logged", 500, "engine");
  if (!isEngineError(err)) console.error("[engine] unexpected error:", err);
  const headers: Record<string, string> = e.status === 401 ? { "www-authenticate": 'Bearer realm="layerlab-engine"' } : {};
  // After refusing a body we stop reading it: close rather than drain whatever else is coming.
  if (e.status === 413) headers.connection = "close";
  sendJson(res, e.status, e.toJSON(), headers);
}

/** zod issues → one problem per issue, path joined with '.' (union branches flattened). */
export function problemsOf(error: z.ZodError): ApiProblem[] {
  const out: ApiProblem[] = [];
  const walk = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]) => {
    for (const issue of issues) {
      const path = [...prefix, ...issue.path];
      if (issue.code === "invalid_union" && issue.errors.length > 0 && issue.errors.every((branch) => branch.length > 0)) {
        // Report the branch that got furthest (longest paths), not "Invalid input".
        const best = [...issue.errors].sort((a, b) => Math.max(...b.map((i) => i.path.length)) - Math.max(...a.map((i) => i.path.length)))[0]!;
        walk(best, path);
        continue;
      }
      out.push({ path: path.map(String).join("."), message: issue.message });
    }
  };
  walk(error.issues, []);
  return out;
}

export function validationError(what: string, error: z.ZodError): EngineError {
  const problems = problemsOf(error);
  return new EngineError("invalid_request", `${what} is invalid: ${problems.length} problem${problems.length === 1 ? "" : "s"}`, 400, "downstream", problems);
}
