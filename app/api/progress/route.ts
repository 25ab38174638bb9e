import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { contentCatalog } from "@/lib/progress/content-catalog";
import { readDashboard } from "@/lib/progress/dashboard-data";
import { withUser } from "@/lib/progress/http";

/** The signed-in learner's progress summary (what the dashboard draws). */
export async function GET() {
  return withUser(async (user) => NextResponse.json({ progress: await readDashboard(db(), user.id, contentCatalog()) }));
}
