// The only module that turns events into bytes (DESIGN.md convention 6). Everything that leaves
// the engine as an event — SSE frames, replay, logs — goes through here, so the wire format has
// one definition.
import type { LabEvent } from "../api/schema";

/** JSON for one event; the shape is exactly the `LabEvent` union from the public schema. */
export function serializeEvent(event: LabEvent): string {
  return JSON.stringify(event);
}

/**
 * One Server-Sent Events frame (WHATWG HTML §9.2 "Server-sent events"). No `event:` field on
 * purpose: every frame reaches `EventSource.onmessage`, and the type travels in the JSON, so a
 * client (or the web app's relay) never has to register one listener per event type.
 * JSON.stringify never emits a raw newline, so one `data:` line is always enough.
 */
export function toSseFrame(event: LabEvent): string {
  return `id: ${event.id}\ndata: ${serializeEvent(event)}\n\n`;
}

/** An SSE comment line: ignored by EventSource, but it keeps proxies and idle timers awake. */
export function toSseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, " ")}\n\n`;
}

/** `retry:` tells EventSource how long to wait before reconnecting (with Last-Event-ID). */
export function toSseRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.trunc(ms))}\n\n`;
}
