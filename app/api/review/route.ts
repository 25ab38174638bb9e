import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { contentCatalog } from "@/lib/progress/content-catalog";
import { withUser } from "@/lib/progress/http";
import { readReviewQueue } from "@/lib/progress/review-queue";

/** The signed-in learner's review queue: cards due now and when the next one falls due. */
export async function GET() {
  return withUser(async (user) => NextResponse.json({ queue: await readReviewQueue(db(), user.id, contentCatalog()) }));
}
