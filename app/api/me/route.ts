import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";

/** The signed-in learner's account; 401 without a session. */
export async function GET() {
  const user = await requireUser();
  if (user instanceof NextResponse) return user;
  const account = await db().user.findUnique({ where: { id: user.id }, select: { id: true, email: true, name: true, createdAt: true } });
  if (!account) return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "This account no longer exists." } }, { status: 401 });
  return NextResponse.json({ user: account });
}
