import { NextResponse } from "next/server";
import { signUp } from "@/lib/auth/signup";

export async function POST(request: Request) {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return NextResponse.json({ error: { code: "INVALID_JSON", message: "The request body must be JSON." } }, { status: 400 });
  }
  const result = await signUp(body);
  if (!result.ok) {
    return NextResponse.json({ error: { code: result.code, message: result.message, field: result.field } }, { status: result.status });
  }
  return NextResponse.json({ user: result.user }, { status: 201 });
}
