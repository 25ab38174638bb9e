import "server-only";
import { engineConfig } from "./config";
import { fromEngineError, LabError } from "./errors";

// The one place the web app talks to the engine's control API: bearer token, owner header, a
// deadline on every call, and every failure mapped to a LabError (undici's errors never leak).

export interface EngineCall {
  method?: "GET" | "POST" | "DELETE";
  body?: unknown;
  /** `x-layerlab-owner`: the engine scopes labs and per-owner limits by it. */
  owner: string;
  /** Deadline for the whole call (for streams: until the response headers). */
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** The browser's request signal, so a call the browser gave up on stops too. */
  signal?: AbortSignal;
}

function isConnectError(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } } | null)?.cause;
  return ["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "UND_ERR_SOCKET"].includes(cause?.code ?? "");
}

/** Sends the call; resolves with the raw Response when it is 2xx, throws a LabError otherwise. */
export async function engineFetch(path: string, call: EngineCall): Promise<Response> {
  const { baseUrl, token } = engineConfig();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), call.timeoutMs ?? 10_000);
  const signal = call.signal ? AbortSignal.any([deadline.signal, call.signal]) : deadline.signal;
  let res: Response;
  try {
    res = await fetch(`${baseUrl}${path}`, {
      method: call.method ?? "GET",
      headers: {
        authorization: `Bearer ${token}`,
        "x-layerlab-owner": call.owner,
        ...(call.body !== undefined ? { "content-type": "application/json" } : {}),
        ...call.headers,
      },
      body: call.body !== undefined ? JSON.stringify(call.body) : undefined,
      signal,
      cache: "no-store",
    });
  } catch (err) {
    clearTimeout(timer);
    if (deadline.signal.aborted) throw new LabError("ENGINE_TIMEOUT", "The lab engine took too long to answer. Try a smaller run, or try again.");
    if (call.signal?.aborted) throw err;
    if (isConnectError(err)) throw new LabError("ENGINE_UNAVAILABLE", "The lab engine is not running. It restarts on its own; try again in a few seconds.");
    // fetch refuses the WHATWG "bad ports" (e.g. 4190) outright: an operator problem worth naming.
    if (String((err as { cause?: unknown }).cause).includes("bad port")) console.error(`[labs] ENGINE_PORT is a port fetch refuses to use (${baseUrl}); choose another`);
    throw new LabError("ENGINE_UNAVAILABLE", "The lab engine could not be reached.");
  }
  clearTimeout(timer);
  if (res.ok) return res;
  const body = await res.json().catch(() => null);
  throw fromEngineError(res.status, body);
}

export async function engineJson<T>(path: string, call: EngineCall): Promise<T> {
  const res = await engineFetch(path, call);
  if (res.status === 204) return undefined as T;
  try {
    return (await res.json()) as T;
  } catch {
    throw new LabError("ENGINE_ERROR", "The lab engine sent an answer the site could not read.");
  }
}
