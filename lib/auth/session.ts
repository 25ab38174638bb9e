import "server-only";
import { getServerSession } from "next-auth";
import { NextResponse } from "next/server";
import { authOptions } from "./options";

export interface SessionUser {
  id: string;
  email: string | null;
  name: string | null;
}

export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id) return null;
  return { id: user.id, email: user.email ?? null, name: user.name ?? null };
}

/** For route handlers: the signed-in user, or a 401 response to return as is. */
export async function requireUser(): Promise<SessionUser | NextResponse> {
  const user = await currentUser();
  if (user) return user;
  return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "Sign in to use this API." } }, { status: 401 });
}
