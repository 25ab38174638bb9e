// Streams a lab's events as Server-Sent Events (WHATWG HTML "Server-sent events").
// - Every frame carries `id:`; a reconnecting EventSource sends `Last-Event-ID` and we replay
//   what it missed from the bounded buffer (or say, in a comment, that some fell off).
// - Comment heartbeats keep idle connections alive through relays (the web app's route handler)
//   and let both sides notice a dead peer.
// - A subscriber that cannot keep up is cut off rather than buffered without bound: it reconnects
//   with Last-Event-ID and resumes from the replay buffer (slow-consumer policy, like Envoy's
//   per-stream buffer limits).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventBus } from "./event-bus";
import { toSseComment, toSseFrame, toSseRetry } from "./serialize";

export interface SseOptions {
  heartbeatMs?: number;
  /** Bytes queued in the socket before a slow subscriber is dropped. */
  maxBufferedBytes?: number;
  retryMs?: number;
}

/** Parses `Last-Event-ID` (header, or `?lastEventId=` for clients that cannot set headers). */
export function lastEventIdFrom(req: IncomingMessage, url: URL): number | null {
  const raw = req.headers["last-event-id"] ?? url.searchParams.get("lastEventId") ?? undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

export function streamEvents(req: IncomingMessage, res: ServerResponse, bus: EventBus, lastEventId: number | null, options: SseOptions = {}): void {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  res.socket?.setNoDelay(true);
  res.write(toSseRetry(options.retryMs ?? 2000));

  if (lastEventId !== null) {
    const oldest = bus.oldestId();
    if (oldest !== null && lastEventId + 1 < oldest)
      res.write(toSseComment(`replay gap: events ${lastEventId + 1}..${oldest - 1} are no longer buffered`));
    for (const event of bus.since(lastEventId)) res.write(toSseFrame(event));
  }

  let done = false;
  let unsubscribe: () => void = () => {};
  const heartbeat = setInterval(() => res.write(toSseComment("heartbeat")), heartbeatMs);
  const finish = () => {
    if (done) return;
    done = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  unsubscribe = bus.subscribe({
    onEvent(_event, frame) {
      if (done) return;
      if (res.writableLength > maxBuffered) {
        res.write(toSseComment("slow consumer: reconnect with Last-Event-ID to resume"));
        finish();
        res.end();
        return;
      }
      res.write(frame);
    },
    onClose() {
      finish();
      res.end();
    },
  });
  if (done) unsubscribe();
  res.on("close", finish);
  res.on("error", finish);
  req.on("error", finish);
}
