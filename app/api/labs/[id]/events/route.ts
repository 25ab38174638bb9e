import { labIdFrom, withViewer } from "@/lib/engine/http";
import { openEvents } from "@/lib/engine/labs";
import { relayEventStream } from "@/lib/engine/sse-relay";

export const dynamic = "force-dynamic";

/** `Last-Event-ID` from EventSource's reconnect, or `?lastEventId=` from a fresh EventSource. */
function lastEventId(request: Request): string | null {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  return raw && /^\d{1,15}$/.test(raw) ? raw : null;
}

/** Relays the lab's Server-Sent Events from the engine to the browser. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return withViewer(async (viewer) => {
    const id = await labIdFrom(params);
    const upstream = new AbortController();
    const res = await openEvents(id, viewer.owner, lastEventId(request), AbortSignal.any([upstream.signal, request.signal]));
    if (!res.body) throw new Error("the engine's event stream had no body");
    return relayEventStream(res.body, { labId: id, upstream, browserSignal: request.signal });
  });
}
