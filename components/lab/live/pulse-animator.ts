// Moves "a request travelling along an edge" dots without React: one requestAnimationFrame loop
// positions a small pool of SVG circles per edge with getPointAtLength. When an edge is busier
// than its pool (high rates), extra pulses are not drawn — the edge switches to a flowing stroke
// with a rate label instead (use-edge-rate.ts), so the frame rate stays flat however many
// requests flow. With prefers-reduced-motion nothing moves; rates and counters still update.

const SVG_NS = "http://www.w3.org/2000/svg";
const POOL = 6;
const DURATION_MS = 420;
const RATE_WINDOW_MS = 500;

interface Pulse {
  color: string;
  start: number;
}
interface Slot {
  path: SVGPathElement;
  group: SVGGElement;
  d: string;
  length: number;
  circles: SVGCircleElement[];
  pulses: Pulse[];
  count: number;
  color: string | null;
}
export interface EdgeRate {
  perSecond: number;
  color: string | null;
}

const idle: EdgeRate = { perSecond: 0, color: null };

export class PulseAnimator {
  private slots = new Map<string, Slot>();
  private rates = new Map<string, EdgeRate>();
  private listeners = new Map<string, Set<() => void>>();
  private frame = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly still: boolean;

  constructor(private readonly colorOf: (endpoint: string | null) => string) {
    this.still = typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches === true;
    if (typeof window !== "undefined") this.timer = setInterval(this.sampleRates, RATE_WINDOW_MS);
  }

  register(edgeId: string, path: SVGPathElement, group: SVGGElement): () => void {
    const slot: Slot = { path, group, d: "", length: 0, circles: [], pulses: [], count: 0, color: null };
    this.slots.set(edgeId, slot);
    return () => {
      if (this.slots.get(edgeId) === slot) this.slots.delete(edgeId);
    };
  }

  emit(edgeId: string, endpoint: string | null, delayMs: number): void {
    const slot = this.slots.get(edgeId);
    if (!slot) return;
    const color = this.colorOf(endpoint);
    slot.count++;
    slot.color = color;
    if (this.still || slot.pulses.length >= POOL) return;
    slot.pulses.push({ color, start: performance.now() + delayMs });
    if (!this.frame) this.frame = requestAnimationFrame(this.tick);
  }

  rate(edgeId: string): EdgeRate {
    return this.rates.get(edgeId) ?? idle;
  }

  subscribeRate(edgeId: string, listener: () => void): () => void {
    let set = this.listeners.get(edgeId);
    if (!set) this.listeners.set(edgeId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.timer) clearInterval(this.timer);
    this.slots.clear();
  }

  private circle(slot: Slot, i: number): SVGCircleElement {
    let c = slot.circles[i];
    if (!c) {
      c = document.createElementNS(SVG_NS, "circle");
      c.setAttribute("r", "5");
      c.setAttribute("stroke", "white");
      c.setAttribute("stroke-width", "1.5");
      c.setAttribute("data-pulse", "");
      slot.group.appendChild(c);
      slot.circles[i] = c;
    }
    return c;
  }

  private tick = (now: number): void => {
    this.frame = 0;
    let busy = false;
    for (const slot of this.slots.values()) {
      if (slot.pulses.length === 0 && slot.circles.every((c) => c.style.display === "none")) continue;
      const d = slot.path.getAttribute("d") ?? "";
      if (d !== slot.d) {
        slot.d = d;
        slot.length = slot.path.getTotalLength();
      }
      slot.pulses = slot.pulses.filter((p) => now - p.start < DURATION_MS);
      slot.circles.forEach((c) => (c.style.display = "none"));
      slot.pulses.forEach((p, i) => {
        const t = (now - p.start) / DURATION_MS;
        if (t < 0) return;
        const point = slot.path.getPointAtLength(t * slot.length);
        const c = this.circle(slot, i);
        c.setAttribute("cx", point.x.toFixed(1));
        c.setAttribute("cy", point.y.toFixed(1));
        c.setAttribute("fill", p.color);
        c.style.display = "";
      });
      if (slot.pulses.length) busy = true;
    }
    if (busy) this.frame = requestAnimationFrame(this.tick);
  };

  private sampleRates = (): void => {
    for (const [edgeId, slot] of this.slots) {
      const perSecond = Math.round((slot.count * 1000) / RATE_WINDOW_MS);
      slot.count = 0;
      const prev = this.rate(edgeId);
      if (prev.perSecond === perSecond && (perSecond === 0 || prev.color === slot.color)) continue;
      this.rates.set(edgeId, perSecond === 0 ? idle : { perSecond, color: slot.color });
      for (const l of this.listeners.get(edgeId) ?? []) l();
    }
  };
}
