// Per-lab event bus: stamps monotonic ids (the SSE `id:`), keeps a bounded replay buffer, fans
// out to live subscribers, and samples under load (policy in sampler.ts).
import type { LabEvent, LabEventInput, LabEventType } from "../api/schema";
import { LIMITS } from "../api/schema";
import type { EventSink } from "../contracts";
import { RingBuffer } from "./ring-buffer";
import { EventSampler, type SampledReport, type SamplerOptions } from "./sampler";
import { toSseFrame } from "./serialize";

export interface EventSubscriber {
  /** `frame` is the serialized SSE frame, built once per event for all subscribers. */
  onEvent(event: LabEvent, frame: string): void;
  /** The bus closed (lab deleted): flush and end the stream. */
  onClose(): void;
}

export interface EventBusOptions extends SamplerOptions {
  bufferSize?: number;
  /** false: only control-plane events are recorded (the "event stream off" benchmark case); see setDataPlane(). */
  dataPlane?: boolean;
}

export class EventBus implements EventSink {
  private seq = 0;
  private readonly buffer: RingBuffer<LabEvent>;
  private readonly sampler: EventSampler;
  private readonly subscribers = new Set<EventSubscriber>();
  private dataPlane: boolean;
  private flushTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly labId: string,
    options: EventBusOptions = {},
  ) {
    this.buffer = new RingBuffer<LabEvent>(options.bufferSize ?? LIMITS.eventBuffer);
    this.sampler = new EventSampler(options);
    this.dataPlane = options.dataPlane ?? true;
    // Off from the start: the window's clock stands still until the data plane comes on.
    if (!this.dataPlane) this.sampler.pause(Date.now());
  }

  wants(type: LabEventType): boolean {
    if (this.closed) return false;
    if (!this.dataPlane) return EventSampler.isControlPlane(type);
    if (this.sampler.wants(type)) return true;
    if (this.flushTimer === null) this.scheduleFlush();
    return false;
  }

  /**
   * Turns the per-connection and per-request events on or off from now on (control-plane events
   * always flow). Producers ask wants() before building an event, so off costs them one check.
   */
  setDataPlane(on: boolean): void {
    if (on === this.dataPlane) return;
    this.dataPlane = on;
    const now = Date.now();
    if (!on) return this.sampler.pause(now);
    this.sampler.resume(now);
    if (this.flushTimer === null && this.sampler.hasDrops()) this.scheduleFlush();
  }

  get dataPlaneOn(): boolean {
    return this.dataPlane;
  }

  emit(input: LabEventInput): void {
    if (this.closed) return;
    if (!this.dataPlane && !EventSampler.isControlPlane(input.type)) return;
    const now = Date.now();
    const { keep, report } = this.sampler.admit(input.type, now);
    if (report) this.publishReport(report, now);
    if (!keep) {
      if (this.flushTimer === null) this.scheduleFlush();
      return;
    }
    this.record(input, now);
  }

  /** Counts events a producer dropped before they reached the bus (reported in events.sampled). */
  noteDropped(type: LabEventType, n: number): void {
    if (this.closed || n <= 0) return;
    this.sampler.addDropped(type, n);
    if (this.flushTimer === null) this.scheduleFlush();
  }

  /** Events with id > afterId still in the buffer, oldest first. */
  since(afterId: number): LabEvent[] {
    return this.buffer.since(afterId);
  }

  oldestId(): number | null {
    return this.buffer.oldestId();
  }

  lastId(): number {
    return this.seq;
  }

  subscriberCount(): number {
    return this.subscribers.size;
  }

  subscribe(subscriber: EventSubscriber): () => void {
    if (this.closed) {
      subscriber.onClose();
      return () => {};
    }
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Emits `lab.deleted`, ends every subscriber and clears the flush timer. Idempotent. */
  close(reason: "request" | "idle" | "shutdown"): void {
    if (this.closed) return;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const now = Date.now();
    const report = this.sampler.rollover(now);
    if (report) this.publishReport(report, now);
    this.record({ type: "lab.deleted", reason }, now);
    this.closed = true;
    for (const s of this.subscribers) s.onClose();
    this.subscribers.clear();
  }

  private record(input: LabEventInput, now: number): void {
    // Producers hand over a fresh object; stamping it in place avoids a copy per event.
    const event = input as LabEvent;
    event.id = ++this.seq;
    event.labId = this.labId;
    event.at = now;
    this.buffer.push(event);
    if (this.subscribers.size === 0) return;
    const frame = toSseFrame(event);
    for (const s of this.subscribers) s.onEvent(event, frame);
  }

  private publishReport(report: SampledReport, now: number): void {
    this.record({ type: "events.sampled", ...report }, now);
  }

  private scheduleFlush(): void {
    const delay = Math.max(1, this.sampler.windowEndsAt() - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      // Data plane off, so the window is paused: setDataPlane(true) schedules the flush again.
      if (this.closed || !this.dataPlane || !this.sampler.hasDrops()) return;
      const now = Date.now();
      // A resume moved the window's end later than this timer was set for.
      if (now < this.sampler.windowEndsAt()) return this.scheduleFlush();
      const report = this.sampler.rollover(now);
      if (report) this.publishReport(report, now);
    }, delay);
    this.flushTimer.unref();
  }
}
