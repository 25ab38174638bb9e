import { NextResponse } from "next/server";
import { faultRequestSchema } from "@/engine/api/schema";
import { labIdFrom, parseInput, readJson, withViewer } from "@/lib/engine/http";
import { touchLab } from "@/lib/engine/lab-registry";
import { applyFault } from "@/lib/engine/labs";

export const dynamic = "force-dynamic";

/** Stops, starts or breaks one endpoint of the lab. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return withViewer(async (viewer) => {
    const id = await labIdFrom(params);
    const fault = parseInput(faultRequestSchema, await readJson(request), "fault request");
    touchLab(id);
    return NextResponse.json(await applyFault(id, viewer.owner, fault), { headers: { "cache-control": "no-store" } });
  });
}
