import { NextResponse } from "next/server";
import { labIdFrom, withViewer } from "@/lib/engine/http";
import { touchLab } from "@/lib/engine/lab-registry";
import { stopLab } from "@/lib/engine/lab-service";
import { readLab } from "@/lib/engine/labs";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ id: string }> };

/** Live state: listeners, clusters, endpoint health and counters. */
export async function GET(_request: Request, { params }: Params) {
  return withViewer(async (viewer) => {
    const id = await labIdFrom(params);
    const state = await readLab(id, viewer.owner);
    touchLab(id);
    return NextResponse.json(state, { headers: { "cache-control": "no-store" } });
  });
}

/** Deletes the lab (the page calls this on pagehide with a keepalive fetch). */
export async function DELETE(_request: Request, { params }: Params) {
  return withViewer(async (viewer) => {
    await stopLab(viewer, await labIdFrom(params));
    return new Response(null, { status: 204 });
  });
}
