import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { contentCatalog } from "@/lib/progress/content-catalog";
import { parseInput, readJson, withUser } from "@/lib/progress/http";
import { mergeInputSchema } from "@/lib/progress/inputs";
import { mergeProgress } from "@/lib/progress/merge-progress";

/** Folds the progress a learner made signed out (kept in their browser) into their account. */
export async function POST(request: Request) {
  return withUser(async (user) => {
    const input = parseInput(mergeInputSchema, await readJson(request));
    return NextResponse.json({ merged: await mergeProgress(db(), user.id, input, contentCatalog()) });
  });
}
