import "server-only";
import { LIMITS, pacedRunMs, type TrafficSpec } from "@/engine/api/schema";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";
import { LabError } from "./errors";
import type { Viewer } from "./viewer";

// What each kind of viewer may do, on top of the engine's own caps (engine/api/schema.ts LIMITS).
// Anonymous learners get tighter limits: they cost the same engine resources, and anyone can
// mint a new anonymous identity by clearing cookies, so per-address limits back them up.

export interface ViewerLimits {
  labs: number;
  requestsPerRun: number;
  ratePerSecond: number;
  clients: number;
  concurrency: number;
  /** Longest a run may last (requests ÷ rate), so one click never occupies the engine for minutes. */
  maxRunMs: number;
}

export const viewerLimits: Record<Viewer["kind"], ViewerLimits> = {
  anonymous: { labs: 2, requestsPerRun: 1000, ratePerSecond: 500, clients: 8, concurrency: 16, maxRunMs: 30_000 },
  user: {
    labs: LIMITS.labsPerOwner,
    requestsPerRun: LIMITS.trafficRequests,
    ratePerSecond: LIMITS.trafficRatePerSecond,
    clients: LIMITS.trafficClients,
    concurrency: LIMITS.trafficConcurrency,
    maxRunMs: 60_000,
  },
};

const tenMinutes = 10 * 60_000;
const creationsByOwner = { anonymous: new SlidingWindowLimiter(20, tenMinutes), user: new SlidingWindowLimiter(40, tenMinutes) };
const anonymousCreationsByAddress = new SlidingWindowLimiter(60, tenMinutes);

/** Throws RATE_LIMITED when this viewer (or, anonymously, this address) creates labs too fast. */
export function admitLabCreation(viewer: Viewer, address: string): void {
  const checks = [creationsByOwner[viewer.kind].attempt(viewer.owner)];
  if (viewer.kind === "anonymous") checks.push(anonymousCreationsByAddress.attempt(address));
  const denied = checks.find((d) => !d.allowed);
  if (denied)
    throw new LabError("RATE_LIMITED", `Too many labs started recently. Try again in ${denied.retryAfterSeconds} s.`, undefined, denied.retryAfterSeconds);
}

/** Throws TRAFFIC_LIMIT naming the field when a run asks for more than this viewer may. */
export function checkTrafficLimits(viewer: Viewer, spec: TrafficSpec): void {
  const l = viewerLimits[viewer.kind];
  const who = viewer.kind === "anonymous" ? "Signed-out learners" : "Learners";
  const problems: Array<{ path: string; message: string }> = [];
  if (spec.requests > l.requestsPerRun) problems.push({ path: "requests", message: `${who} may send at most ${l.requestsPerRun} requests per run` });
  if (spec.clients > l.clients) problems.push({ path: "clients", message: `${who} may simulate at most ${l.clients} clients` });
  if (spec.concurrency > l.concurrency) problems.push({ path: "concurrency", message: `${who} may keep at most ${l.concurrency} requests in flight` });
  if ((spec.ratePerSecond ?? 0) > l.ratePerSecond) problems.push({ path: "ratePerSecond", message: `${who} may send at most ${l.ratePerSecond} requests per second` });
  if (pacedRunMs(spec) > l.maxRunMs)
    problems.push({ path: "ratePerSecond", message: `a run may last at most ${l.maxRunMs / 1000} s: raise the rate or send fewer requests` });
  if (problems.length) throw new LabError("TRAFFIC_LIMIT", problems.map((p) => `${p.path}: ${p.message}`).join("; "), problems);
}
