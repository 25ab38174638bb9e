import "server-only";
import { watchLab } from "./lab-registry";

// Streams the engine's Server-Sent Events to the browser unchanged (ids, retry, heartbeats), so
// EventSource's own Last-Event-ID reconnect works end to end. The upstream request is aborted as
// soon as the browser goes away, and every relay ends after `maxMs` so a long-open page reconnects
// now and then: that reconnect also tells the engine the lab is still in use.

export interface RelayOptions {
  labId: string;
  /** Aborts the upstream fetch: the browser disconnected, or the relay ended. */
  upstream: AbortController;
  browserSignal: AbortSignal;
  maxMs?: number;
}

export function relayEventStream(source: ReadableStream<Uint8Array>, options: RelayOptions): Response {
  const reader = source.getReader();
  const unwatch = watchLab(options.labId);
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    clearTimeout(timer);
    unwatch();
    options.upstream.abort();
    reader.cancel().catch(() => {});
  };
  options.browserSignal.addEventListener("abort", stop, { once: true });

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setTimeout(() => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed by the browser going away
        }
      }, options.maxMs ?? 5 * 60_000);
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          stop();
          controller.close();
        } else controller.enqueue(value);
      } catch {
        // The engine went away (restart, lab deleted): end the stream; the browser reconnects.
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      }
    },
    cancel() {
      stop();
    },
  });

  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps `next start`'s compression from buffering the stream.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
}
