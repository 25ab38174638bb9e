// Rate limiting for a traffic run: request n may not start before start + n / rate — an even
// schedule rather than bursts (wrk2's constant-throughput model). Waits are abortable.
export function waitTurn(seq: number, startedAt: number, ratePerSecond: number | undefined, signal: AbortSignal): Promise<void> {
  if (!ratePerSecond) return Promise.resolve();
  const due = startedAt + (seq * 1000) / ratePerSecond;
  const delay = due - performance.now();
  if (delay <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, delay);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** A per-client lock: a keep-alive client sends one request at a time on its one connection. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => {});
    return next;
  }
}
