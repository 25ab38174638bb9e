import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { parseInput, withUser } from "@/lib/progress/http";
import { z } from "zod";
import { clientIdSchema } from "@/lib/progress/inputs";
import { getAttempt } from "@/lib/progress/read-attempts";

/** One attempt of the signed-in learner; 403 for another learner's, 404 for none. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  return withUser(async (user) => {
    const { id } = parseInput(z.object({ id: clientIdSchema }), await context.params);
    return NextResponse.json({ attempt: await getAttempt(db(), user.id, id) });
  });
}
