// Inside the sandbox worker: endpoint events leave the thread in batches — one postMessage per
// turn of the worker's event loop, not one per request (under load a turn serves many requests;
// when idle an event leaves at once). Each lab's endpoints may send at most `budget` events per
// second; the rest are only counted, so a flood of requests cannot become a flood of messages.
// Those counts travel at most twice a second (DROP_REPORT_MS), not per turn: under load every
// message would wake the main thread's event loop once more, only to carry a count. The main
// thread's bus then applies the lab's normal sampling (events/sampler.ts).
import type { LabEventInput, LabEventType } from "../../api/schema";
import type { EventSink } from "../../contracts";
import type { HostReply } from "./protocol";

const DROP_REPORT_MS = 500;

export class EventBatcher {
  private batch: { labId: string; event: LabEventInput }[] = [];
  private dropped: Record<string, number> = {};
  private readonly windows = new Map<string, { start: number; count: number }>();
  private scheduled = false;
  private dropTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly post: (msg: HostReply) => void,
    private readonly budget = 300,
  ) {}

  /** `dataPlane: false`: the lab drops data-plane events, so none are built or sent at all. */
  sinkFor(labId: string, dataPlane: boolean): EventSink {
    return {
      // fault.change is emitted by the main thread once the change is acknowledged.
      wants: (type: LabEventType) => dataPlane && type !== "fault.change" && this.allow(labId),
      emit: (event: LabEventInput) => {
        if (event.type === "fault.change") return;
        this.batch.push({ labId, event });
        this.schedule();
      },
    };
  }

  forget(labId: string): void {
    this.windows.delete(labId);
  }

  private allow(labId: string): boolean {
    const now = Date.now();
    let w = this.windows.get(labId);
    if (!w || now - w.start >= 1000) {
      w = { start: now, count: 0 };
      this.windows.set(labId, w);
    }
    if (w.count < this.budget) {
      w.count++;
      return true;
    }
    this.dropped[labId] = (this.dropped[labId] ?? 0) + 1;
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
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.batch.length === 0 && Object.keys(this.dropped).length === 0) return;
    this.post({ kind: "events", batch: this.batch, dropped: this.dropped });
    this.batch = [];
    this.dropped = {};
  }
}
