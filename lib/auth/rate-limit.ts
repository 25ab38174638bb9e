// Sliding-window limiter for sign-in attempts, kept in memory: LayerLab runs one site process,
// and a restart forgetting the windows only ever makes it more lenient, never locks anyone out.
export interface RateLimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Records an attempt for `key` and says whether it is within the limit. */
  attempt(key: string): RateLimitDecision {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.prune(now);
    return { allowed: true, retryAfterSeconds: 0 };
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private prune(now: number): void {
    for (const [key, times] of this.hits) {
      if (times.every((t) => now - t >= this.windowMs)) this.hits.delete(key);
    }
  }
}

const fifteenMinutes = 15 * 60_000;
/** Per email: enough for honest typos, too few for guessing. Reset on success. */
export const signInByEmail = new SlidingWindowLimiter(8, fifteenMinutes);
/** Per client address: allows a shared office, stops one host from spraying many accounts. */
export const signInByAddress = new SlidingWindowLimiter(40, fifteenMinutes);
