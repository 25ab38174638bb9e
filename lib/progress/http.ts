import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { ProgressError } from "./errors";

// Shared plumbing for the progress route handlers: parse → authorize → call lib → map errors.

export function errorResponse(code: string, message: string, status: number, field?: string): NextResponse {
  return NextResponse.json({ error: { code, message, ...(field ? { field } : {}) } }, { status });
}

// The largest honest body is a merge of months of signed-out progress: well under 2 MB.
const maxBodyBytes = 2_000_000;

export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > maxBodyBytes) throw new ProgressError("TOO_LARGE", "The request body is too large.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ProgressError("INVALID_INPUT", "The request body must be JSON.");
  }
}

/** Validates with zod; the first issue becomes a message naming the field it is about. */
export function parseInput<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  throw new ProgressError("INVALID_INPUT", field ? `${field}: ${issue?.message}` : (issue?.message ?? "Invalid input."), field);
}

/** Runs `handler` for the signed-in learner; 401 without a session, mapped errors otherwise. */
export async function withUser(handler: (user: SessionUser) => Promise<NextResponse>): Promise<NextResponse> {
  const user = await requireUser();
  if (user instanceof NextResponse) return user;
  try {
    return await handler(user);
  } catch (err) {
    if (err instanceof ProgressError) return errorResponse(err.code, err.message, err.status, err.field);
    console.error("progress API failed", err);
    return errorResponse("INTERNAL", "Saving progress failed on the server. Try again in a moment.", 500);
  }
}
