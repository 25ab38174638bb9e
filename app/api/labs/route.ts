import { NextResponse } from "next/server";
import { z } from "zod";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { slugSchema } from "@/lib/content/schema";
import { parseInput, readJson, withViewer } from "@/lib/engine/http";
import { startScenarioLab } from "@/lib/engine/lab-service";

export const dynamic = "force-dynamic";

const createLabSchema = z.object({ scenario: slugSchema }).strict();

/** Starts the scenario's lab for the current viewer (signed in or anonymous). */
export async function POST(request: Request) {
  return withViewer(async (viewer) => {
    const { scenario } = parseInput(createLabSchema, await readJson(request), "lab request");
    const started = await startScenarioLab(viewer, scenario, clientAddressFrom(request.headers));
    return NextResponse.json(started, { status: 201, headers: { "cache-control": "no-store" } });
  });
}
