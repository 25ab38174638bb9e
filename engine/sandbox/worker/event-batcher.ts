// Inside the sandbox worker: endpoint events leave the thread in batches, at most one message
// per FLUSH_GAP_MS. When idle an event leaves at once, on the next turn of the loop; under load
// the events of 25 ms travel together. Why: a message costs far more than the events in it —
// about 75–80 µs of CPU between the two threads when it wakes the other side (measured with a
// worker posting 3,000 one-event messages), against 2–3 µs to build and record an event. With one
// message per loop turn, a lab under load sent up to its whole budget (300 a second) as single-
// event messages, about 2% of a core: the event stream cost L7 TLS per-request 3.2–3.5% of its
// req/s in three benchmark runs, and −2.1–0.2% with the gap.
// Each lab's endpoints may send at most `budget` events per second; the rest are only counted, so
// a flood of requests cannot become a flood of messages. Those counts travel at most twice a
// second (DROP_REPORT_MS), not per turn: under load every message would wake the main thread's
// event loop once more, only to carry a count. The main thread's bus then applies the lab's
// normal sampling (events/sampler.ts).
// The budget check runs on every request an endpoint serves, so under budget it reads no clock
// (a window is only checked once its budget is spent), and a drop is one Map lookup and a count.
// While a lab's data plane is off its window's clock stands still, as on the main thread's bus
// (events/sampler.ts says why).
import type { LabEventInput, LabEventType } from "../../api/schema";
import type { EventSink } from "../../contracts";
import type { HostReply } from "./protocol";

const DROP_REPORT_MS = 500;
/** Events wait at most this long for the ones after them (a learner cannot see 25 ms). */
const FLUSH_GAP_MS = 25;

/** One lab's budget window in this thread. */
interface LabWindow {
  start: number;
  count: number;
  /** Dropped since the last message to the main thread. */
  dropped: number;
  /** When the lab's data plane went off (epoch ms), or null while it is on. */
  pausedAt: number | null;
}

export class EventBatcher {
  private batch: { labId: string; event: LabEventInput }[] = [];
  private readonly windows = new Map<string, LabWindow>();
  /** Per lab, one switch all its endpoints' sinks read (setDataPlane() flips it). */
  private readonly switches = new Map<string, { dataPlane: boolean }>();
  private anyDropped = false;
  private scheduled = false;
  /** When the last batch left (epoch ms). */
  private lastFlushAt = 0;
  private dropTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly post: (msg: HostReply) => void,
    private readonly budget = 300,
    private readonly flushGapMs = FLUSH_GAP_MS,
  ) {}

  /** `dataPlane: false`: the lab drops data-plane events, so none are built or sent at all. */
  sinkFor(labId: string, dataPlane: boolean): EventSink {
    const sw = this.switchOf(labId);
    sw.dataPlane = dataPlane;
    return {
      // fault.change is emitted by the main thread once the change is acknowledged.
      wants: (type: LabEventType) => sw.dataPlane && type !== "fault.change" && this.allow(labId),
      emit: (event: LabEventInput) => {
        if (event.type === "fault.change") return;
        this.batch.push({ labId, event });
        this.schedule();
      },
    };
  }

  /** A lab with no endpoints here has nothing to switch: its endpoints are told when they start. */
  setDataPlane(labId: string, on: boolean): void {
    const sw = this.switches.get(labId);
    if (sw) sw.dataPlane = on;
    const w = this.windows.get(labId);
    if (w === undefined) return;
    const now = Date.now();
    if (!on) w.pausedAt ??= now;
    else if (w.pausedAt !== null) {
      w.start += now - w.pausedAt;
      w.pausedAt = null;
    }
  }

  forget(labId: string): void {
    this.windows.delete(labId);
    this.switches.delete(labId);
  }

  private switchOf(labId: string): { dataPlane: boolean } {
    let sw = this.switches.get(labId);
    if (sw === undefined) this.switches.set(labId, (sw = { dataPlane: true }));
    return sw;
  }

  private allow(labId: string): boolean {
    let w = this.windows.get(labId);
    if (w === undefined) this.windows.set(labId, (w = { start: Date.now(), count: 0, dropped: 0, pausedAt: null }));
    if (w.count < this.budget) {
      w.count++;
      return true;
    }
    // Budget spent: a new window if this one is over (the clock is read only here).
    const now = Date.now();
    if (now - w.start >= 1000) {
      w.start = now;
      w.count = 1;
      return true;
    }
    w.dropped++;
    this.anyDropped = true;
    if (this.dropTimer === null) {
      this.dropTimer = setTimeout(() => {
        this.dropTimer = null;
        this.flush();
      }, DROP_REPORT_MS);
      this.dropTimer.unref();
    }
    return false;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.lastFlushAt + this.flushGapMs - Date.now();
    if (wait <= 0) setImmediate(() => this.flush());
    else setTimeout(() => this.flush(), wait).unref();
  }

  private flush(): void {
    this.scheduled = false;
    this.lastFlushAt = Date.now();
    if (this.batch.length === 0 && !this.anyDropped) return;
    const dropped: Record<string, number> = {};
    if (this.anyDropped)
      for (const [labId, w] of this.windows)
        if (w.dropped > 0) {
          dropped[labId] = w.dropped;
          w.dropped = 0;
        }
    this.anyDropped = false;
    this.post({ kind: "events", batch: this.batch, dropped });
    this.batch = [];
  }
}
