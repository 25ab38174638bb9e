// What one generated request/session produced, before the generator adds client and sequence.
import type { Address, TrafficTimings } from "../api/schema";

export interface ExchangeResult {
  status: number | null;
  endpoint: string | null;
  requestId: string | null;
  /** The client socket's own address: the listener maps it to its connection id. */
  local: Address | null;
  error?: { code: string; message: string };
  timings: Omit<TrafficTimings, "startMs">;
}

/** Stable error codes for the traffic results (origin: the hop the generator saw fail). */
export function exchangeError(err: unknown): { code: string; message: string } {
  const e = err as NodeJS.ErrnoException & { code?: string };
  const code = typeof e?.code === "string" ? e.code : "TRAFFIC_ERROR";
  return { code, message: e?.message || String(err) };
}

export const elapsed = (since: number) => Math.round((performance.now() - since) * 100) / 100;
