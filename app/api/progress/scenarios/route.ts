import { NextResponse } from "next/server";
import { z } from "zod";
import { slugSchema } from "@/lib/content/schema";
import { db } from "@/lib/db/client";
import { contentCatalog } from "@/lib/progress/content-catalog";
import { parseInput, readJson, withUser } from "@/lib/progress/http";
import { scenarioStepInputSchema } from "@/lib/progress/inputs";
import { readScenarioProgress, recordScenarioStep } from "@/lib/progress/scenario-steps";

/** Steps the learner completed, for every scenario or for `?scenario=<slug>`. */
export async function GET(request: Request) {
  return withUser(async (user) => {
    const raw = new URL(request.url).searchParams.get("scenario") ?? undefined;
    const { scenario } = parseInput(z.object({ scenario: slugSchema.optional() }), { scenario: raw });
    return NextResponse.json({ scenarios: await readScenarioProgress(db(), user.id, scenario) });
  });
}

/** The lab UI reports a completed step; reporting it again changes nothing. */
export async function POST(request: Request) {
  return withUser(async (user) => {
    const input = parseInput(scenarioStepInputSchema, await readJson(request));
    return NextResponse.json({ scenario: await recordScenarioStep(db(), user.id, input, contentCatalog()) });
  });
}
