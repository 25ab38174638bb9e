import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { contentCatalog } from "@/lib/progress/content-catalog";
import { parseInput, readJson, withUser } from "@/lib/progress/http";
import { predictionInputSchema } from "@/lib/progress/inputs";
import { recordPrediction } from "@/lib/progress/record-prediction";

/** The lab reports a "predict, then run" outcome; a failed prediction queues its card for review. */
export async function POST(request: Request) {
  return withUser(async (user) => {
    const input = parseInput(predictionInputSchema, await readJson(request));
    const prediction = await recordPrediction(db(), user.id, input, contentCatalog());
    return NextResponse.json({ prediction }, { status: prediction.created ? 201 : 200 });
  });
}
