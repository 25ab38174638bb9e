// Request headers flattened for events: multi-valued ones joined, as RFC 9110 §5.3 allows.
import type { RequestHeaders } from "./server-connection";

export function flatHeaders(headers: RequestHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}
