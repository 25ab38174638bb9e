import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { contentCatalog } from "@/lib/progress/content-catalog";
import { parseInput, readJson, withUser } from "@/lib/progress/http";
import { ratingInputSchema } from "@/lib/progress/inputs";
import { recordRating } from "@/lib/progress/record-rating";

/** Rates a card Again/Hard/Good/Easy (1–4) and returns when FSRS brings it back. */
export async function POST(request: Request) {
  return withUser(async (user) => {
    const input = parseInput(ratingInputSchema, await readJson(request));
    const rating = await recordRating(db(), user.id, input, contentCatalog());
    return NextResponse.json({ rating }, { status: rating.created ? 201 : 200 });
  });
}
