"use client";

import { useEffect, useState } from "react";
import type { LabEvent } from "@/engine/api/schema";
import { instrumented } from "../live/latency-probe";
import type { LiveStore } from "../live/live-store";
import { labApi, LabApiError } from "./lab-api";

export type StreamStatus = "connecting" | "live" | "reconnecting";

/**
 * Follows the lab's events through the relay. EventSource reconnects by itself after a dropped
 * connection and sends Last-Event-ID, so the engine replays what was missed; when it gives up
 * (an error status), we open a new one with ?lastEventId= and back off. Either way the store
 * keeps everything it had — the picture is never reset by a reconnect. `onResync` runs after
 * each reconnect, to refresh counters from the lab state.
 */
export function useEventStream(labId: string | null, store: LiveStore, onResync: () => void, onGone: () => void): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>("connecting");

  useEffect(() => {
    if (!labId) return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let everOpen = false;
    let stopped = false;

    const open = () => {
      if (stopped) return;
      // Always say where we are, 0 included: the engine then replays everything after it, so
      // events from before the stream first opened (or while it was down) are never lost.
      source = new EventSource(`/api/labs/${labId}/events?lastEventId=${store.lastEventId}`);
      source.onopen = () => {
        attempt = 0;
        setStatus("live");
        if (everOpen) onResync();
        everOpen = true;
      };
      source.onmessage = (m) => {
        try {
          store.push(JSON.parse(m.data as string) as LabEvent);
        } catch {
          // A frame we cannot parse is skipped; the next state refresh corrects the counters.
        }
      };
      source.onerror = () => {
        setStatus("reconnecting");
        if (source?.readyState !== EventSource.CLOSED) return; // EventSource retries by itself
        source = null;
        reopenAfter(Math.min(10_000, 1000 * 2 ** attempt++));
      };
    };
    const reopenAfter = (delay: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        labApi
          .state(labId)
          .then(open)
          .catch((err: unknown) => (err instanceof LabApiError && err.status === 404 ? onGone() : open()));
      }, delay);
    };
    open();
    if (instrumented())
      window.__layerlabDropStream = (holdMs) => {
        source?.close();
        source = null;
        setStatus("reconnecting");
        reopenAfter(holdMs);
      };
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
      if (instrumented()) delete window.__layerlabDropStream;
    };
  }, [labId, store, onResync, onGone]);

  return status;
}
