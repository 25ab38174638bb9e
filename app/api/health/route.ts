import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness for the run scripts and tests; says nothing about the database or engine. */
export function GET() {
  return NextResponse.json({ ok: true });
}
