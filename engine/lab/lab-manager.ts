// Owns every lab: creation with limits (in total and per owner — the web app passes the learner
// in `x-layerlab-owner`), lookup, deletion, idle reclaim and shutdown. Limits count creations
// still in progress, so a burst of concurrent POSTs cannot overshoot them.
import { LIMITS, type LabSpec } from "../api/schema";
import { EngineError } from "../api/errors";
import type { EventBusOptions } from "../events/event-bus";
import { buildLab } from "./build-lab";
import { newLabId } from "./ids";
import type { Lab } from "./lab";

export interface LabManagerOptions {
  labsTotal?: number;
  labsPerOwner?: number;
  idleMs?: number;
  /** How often idle labs are looked for (default: a quarter of idleMs, at most a minute). */
  sweepMs?: number;
  events?: EventBusOptions;
  /** Where endpoints run (see BuildLabOptions.sandbox); default "worker". */
  sandbox?: "worker" | "inline";
}

export class LabManager {
  private readonly labs = new Map<string, Lab>();
  private readonly pendingByOwner = new Map<string, number>();
  private pending = 0;
  private sweeper: NodeJS.Timeout | null = null;
  private shuttingDown = false;
  readonly labsTotal: number;
  readonly labsPerOwner: number;
  readonly idleMs: number;

  constructor(private readonly options: LabManagerOptions = {}) {
    this.labsTotal = options.labsTotal ?? LIMITS.labsTotal;
    this.labsPerOwner = options.labsPerOwner ?? LIMITS.labsPerOwner;
    this.idleMs = options.idleMs ?? LIMITS.labIdleMs;
    const sweepMs = options.sweepMs ?? Math.min(60_000, Math.max(50, Math.floor(this.idleMs / 4)));
    this.sweeper = setInterval(() => this.sweep(), sweepMs);
    this.sweeper.unref();
  }

  get size(): number {
    return this.labs.size;
  }

  /**
   * Without an owner (curl from the operator's shell) only the total limit applies; the web app
   * always names the learner, so per-learner limits hold where they matter.
   */
  async create(spec: LabSpec, owner: string | null): Promise<Lab> {
    if (this.shuttingDown) throw new EngineError("engine_shutting_down", "the engine is shutting down", 503);
    if (this.labs.size + this.pending >= this.labsTotal)
      throw new EngineError("lab_limit_total", `the engine already runs its maximum of ${this.labsTotal} labs; delete one or try later`, 429);
    if (owner !== null) {
      const mine = this.countOwned(owner) + (this.pendingByOwner.get(owner) ?? 0);
      if (mine >= this.labsPerOwner)
        throw new EngineError("lab_limit_owner", `owner "${owner}" already has ${mine} labs (limit ${this.labsPerOwner}); delete one first`, 429);
      this.pendingByOwner.set(owner, (this.pendingByOwner.get(owner) ?? 0) + 1);
    }
    this.pending++;
    try {
      const lab = await buildLab(spec, { id: newLabId(), owner, events: this.options.events, sandbox: this.options.sandbox });
      if (this.shuttingDown) {
        await lab.close("shutdown");
        throw new EngineError("engine_shutting_down", "the engine is shutting down", 503);
      }
      this.labs.set(lab.id, lab);
      return lab;
    } finally {
      this.pending--;
      if (owner !== null) {
        const n = (this.pendingByOwner.get(owner) ?? 1) - 1;
        if (n > 0) this.pendingByOwner.set(owner, n);
        else this.pendingByOwner.delete(owner);
      }
    }
  }

  /** A caller that names an owner only sees that owner's labs (404, not 403: no existence leak). */
  get(id: string, owner: string | null = null): Lab {
    const lab = this.labs.get(id);
    if (!lab || (owner !== null && lab.owner !== null && lab.owner !== owner)) throw new EngineError("lab_not_found", `no lab with id "${id}"`, 404);
    return lab;
  }

  async delete(id: string, owner: string | null = null, reason: "request" | "idle" | "shutdown" = "request"): Promise<void> {
    const lab = this.get(id, owner);
    this.labs.delete(id);
    await lab.close(reason);
  }

  /** Deletes every lab and stops the sweeper (SIGTERM, tests). */
  async closeAll(reason: "shutdown" = "shutdown"): Promise<void> {
    this.shuttingDown = true;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    const labs = [...this.labs.values()];
    this.labs.clear();
    await Promise.allSettled(labs.map((l) => l.close(reason)));
  }

  private countOwned(owner: string): number {
    let n = 0;
    for (const lab of this.labs.values()) if (lab.owner === owner) n++;
    return n;
  }

  private sweep(): void {
    const now = Date.now();
    for (const lab of [...this.labs.values()]) {
      if (lab.idleSince(now) < this.idleMs) continue;
      this.labs.delete(lab.id);
      void lab.close("idle").catch(() => {});
    }
  }
}
