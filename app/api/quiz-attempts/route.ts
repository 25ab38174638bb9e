import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { contentCatalog } from "@/lib/progress/content-catalog";
import { parseInput, readJson, withUser } from "@/lib/progress/http";
import { attemptInputSchema } from "@/lib/progress/inputs";
import { listAttempts } from "@/lib/progress/read-attempts";
import { recordAttempt } from "@/lib/progress/record-attempt";

/** The signed-in learner's recent attempts, newest first. */
export async function GET() {
  return withUser(async (user) => NextResponse.json({ attempts: await listAttempts(db(), user.id) }));
}

/** Stores a finished attempt, graded on the server; 201 when new, 200 when this id was already stored. */
export async function POST(request: Request) {
  return withUser(async (user) => {
    const input = parseInput(attemptInputSchema, await readJson(request));
    const { attempt, created } = await recordAttempt(db(), user.id, input, contentCatalog());
    return NextResponse.json({ attempt, created }, { status: created ? 201 : 200 });
  });
}
