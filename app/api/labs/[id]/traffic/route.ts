import { NextResponse } from "next/server";
import { trafficSpecSchema } from "@/engine/api/schema";
import { labIdFrom, parseInput, readJson, withViewer } from "@/lib/engine/http";
import { touchLab } from "@/lib/engine/lab-registry";
import { runTraffic } from "@/lib/engine/labs";
import { checkTrafficLimits, viewerLimits } from "@/lib/engine/viewer-limits";

export const dynamic = "force-dynamic";

/** Runs generated traffic through one listener; answers with one result per request. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return withViewer(async (viewer) => {
    const id = await labIdFrom(params);
    const spec = parseInput(trafficSpecSchema, await readJson(request), "traffic spec");
    checkTrafficLimits(viewer, spec);
    touchLab(id);
    const run = await runTraffic(id, viewer.owner, spec, viewerLimits[viewer.kind].maxRunMs, request.signal);
    return NextResponse.json(run, { headers: { "cache-control": "no-store" } });
  });
}
