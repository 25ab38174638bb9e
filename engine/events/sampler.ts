// Sampling and aggregation of events under heavy load.
//
// Why: a proxy under load produces several events per connection and per request (connect, route
// match, pick, upstream connect, close, endpoint request...). At benchmark rates that is tens of
// thousands of objects per second; building, buffering and streaming them all would cost the
// proxies their speed (the issue allows the event stream at most 5%). Real proxies make the same
// trade: Envoy's access log has runtime sampling filters, HAProxy's `log ... sample` keeps 1 in N.
//
// Policy (per lab):
// 1. Control-plane events (health, faults, traffic runs, sampling reports, lab deletion) always
//    pass; they are rare and a learner must never miss them.
// 2. Data-plane events (everything per connection or per request) share a budget of `budget`
//    events per fixed window of `windowMs` (default 500 per second). Under the budget every event
//    passes — a learner sending a handful of requests sees every hop.
// 3. Once the budget is spent, each type keeps at most `exemplarsPerType` exemplars per window
//    (default 10), spread evenly over it, so the live view still shows every kind of hop while the
//    cost of building and streaming them stays flat however fast traffic gets. (A "1 in N" rule
//    grows with the rate: at 20k requests/s and ~6 events each, 1 in 50 still builds ~2,400
//    events/s.) The rest are only counted.
// 4. When a window with drops ends, one `events.sampled` event says how many of each type were
//    dropped (the aggregation), so counts stay honest.
// The decision is made in `wants(type)`, which hot paths call *before* building a payload: a
// `false` means nothing is allocated. Under budget it is one comparison, no clock read. Over
// budget it runs several times per proxied request, so it is kept to one Map lookup and a clock
// read every CLOCK_READ_EVERY calls: at benchmark rates the full-price version (a clock read,
// a Set, a Map and a dictionary update per call) cost a measurable share of the proxy's CPU.
// While the lab's data plane is switched off (the benchmark's "events off"), the window's clock
// stands still (pause()/resume()): otherwise every switch back on would find a fresh budget, and
// a lab switched on and off every quarter second would build twice the events per second of
// events-on time that a lab left on builds — the benchmark would measure a cost no user pays.

import type { LabEventType } from "../api/schema";

const CONTROL_PLANE: ReadonlySet<LabEventType> = new Set<LabEventType>([
  "health.change",
  "fault.change",
  "traffic.start",
  "traffic.end",
  "events.sampled",
  "lab.deleted",
]);

export interface SamplerOptions {
  budget?: number;
  windowMs?: number;
  exemplarsPerType?: number;
}

/** Over budget, the clock is read once per this many wants() calls (see the file comment). */
const CLOCK_READ_EVERY = 32;

/** One data-plane type's state in the current window. */
interface TypeWindow {
  /** When (epoch ms) the next exemplar may be kept. */
  nextExemplarAt: number;
  dropped: number;
}

export interface SampledReport {
  windowMs: number;
  dropped: number;
  byType: Record<string, number>;
  note: string;
}

export class EventSampler {
  readonly budget: number;
  readonly windowMs: number;
  readonly exemplarsPerType: number;
  private count = 0;
  /** Exemplars granted by wants() this window: they do not count against the hard cap. */
  private exemplars = 0;
  private windowStart = Date.now();
  /** Data-plane types seen over budget this window; control-plane types are never in it. */
  private readonly types = new Map<string, TypeWindow>();
  private dropped = 0;
  /** The drop path's clock, and how many calls may still use it before it is read again. */
  private clock = 0;
  private clockUses = 0;
  /** When the data plane was switched off (epoch ms), or null while it is on. */
  private pausedAt: number | null = null;

  constructor(options: SamplerOptions = {}) {
    this.budget = options.budget ?? 500;
    this.windowMs = options.windowMs ?? 1000;
    this.exemplarsPerType = options.exemplarsPerType ?? 10;
  }

  static isControlPlane(type: LabEventType): boolean {
    return CONTROL_PLANE.has(type);
  }

  /** True when an event of this type would be kept now; counts it as dropped otherwise. */
  wants(type: LabEventType): boolean {
    if (this.count < this.budget) return true;
    let t = this.types.get(type);
    if (t === undefined) {
      if (CONTROL_PLANE.has(type)) return true;
      this.types.set(type, (t = { nextExemplarAt: 0, dropped: 0 }));
    }
    if (--this.clockUses < 0) {
      this.clock = Date.now();
      this.clockUses = CLOCK_READ_EVERY - 1;
    }
    const now = this.clock;
    if (now - this.windowStart >= this.windowMs) return true; // admit() will roll over
    if (now >= t.nextExemplarAt) {
      t.nextExemplarAt = now + this.windowMs / this.exemplarsPerType;
      this.exemplars++;
      return true;
    }
    t.dropped++;
    this.dropped++;
    return false;
  }

  /**
   * Called by emit(). Producers that skipped wants() are still capped at twice the budget per
   * window, so a careless producer cannot flood the buffer.
   * Returns the report of the window that just ended, when there is one to publish.
   */
  admit(type: LabEventType, now: number): { keep: boolean; report: SampledReport | null } {
    if (CONTROL_PLANE.has(type)) return { keep: true, report: null };
    let report: SampledReport | null = null;
    if (this.count >= this.budget && now - this.windowStart >= this.windowMs) report = this.rollover(now);
    if (this.count - this.exemplars >= this.budget * 2) {
      this.addDropped(type, 1);
      return { keep: false, report };
    }
    // Crossing into the drop path: its first call reads the clock afresh.
    if (++this.count === this.budget) this.clockUses = 0;
    return { keep: true, report };
  }

  /** The data plane went off: the window stops ageing until resume(). */
  pause(now: number): void {
    if (this.pausedAt === null) this.pausedAt = now;
  }

  /** The data plane came back on: the window resumes where it stood, not with a fresh budget. */
  resume(now: number): void {
    if (this.pausedAt === null) return;
    const pausedMs = now - this.pausedAt;
    this.windowStart += pausedMs;
    for (const t of this.types.values()) t.nextExemplarAt += pausedMs;
    this.pausedAt = null;
    this.clockUses = 0;
  }

  /** Drops decided elsewhere (the sandbox thread's own budget) join this window's report. */
  addDropped(type: LabEventType, n: number): void {
    if (n <= 0) return;
    let t = this.types.get(type);
    if (t === undefined) this.types.set(type, (t = { nextExemplarAt: 0, dropped: 0 }));
    t.dropped += n;
    this.dropped += n;
  }

  hasDrops(): boolean {
    return this.dropped > 0;
  }

  /** When the current window ends (epoch ms); the bus flushes the report then. */
  windowEndsAt(): number {
    return this.windowStart + this.windowMs;
  }

  /** Ends the window; returns its report if anything was dropped. */
  rollover(now: number): SampledReport | null {
    let byType: Record<string, number> | null = null;
    if (this.dropped > 0) {
      byType = {};
      for (const [type, t] of this.types) if (t.dropped > 0) byType[type] = t.dropped;
    }
    const report: SampledReport | null =
      byType !== null
        ? {
            windowMs: now - this.windowStart,
            dropped: this.dropped,
            byType,
            note: `more than ${this.budget} events in ${this.windowMs} ms: kept up to ${this.exemplarsPerType} of each per-connection and per-request type, counted the rest`,
          }
        : null;
    this.count = 0;
    this.exemplars = 0;
    this.windowStart = now;
    this.types.clear();
    this.dropped = 0;
    // A new window reads the clock afresh: a clock cached before an idle spell would be stale.
    this.clockUses = 0;
    return report;
  }
}
