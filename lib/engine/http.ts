import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { LabError } from "./errors";
import { currentViewer, type Viewer } from "./viewer";

// Plumbing shared by the /api/labs route handlers: parse → authorize → call lib → map errors.

/** Mirrors the engine's lab-id shape, so nothing else is ever interpolated into an engine URL. */
export const labIdSchema = z.string().regex(/^lab_[A-Za-z0-9_-]{16}$/, "is not a lab id");

export function errorResponse(err: LabError): NextResponse {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (err.retryAfterSeconds) headers["retry-after"] = String(err.retryAfterSeconds);
  return NextResponse.json(err.toJSON(), { status: err.status, headers });
}

/** zod problems as the engine reports them: one `{ path, message }` per issue. */
export function parseInput<T extends z.ZodType>(schema: T, raw: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
  const first = problems[0];
  throw new LabError("INVALID_INPUT", `The ${what} is invalid${first ? `: ${first.path}: ${first.message}` : ""}.`, problems);
}

export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new LabError("INVALID_INPUT", "The request body must be JSON.");
  }
}

export async function labIdFrom(params: Promise<{ id: string }>): Promise<string> {
  const { id } = await params;
  const parsed = labIdSchema.safeParse(id);
  if (!parsed.success) throw new LabError("LAB_NOT_FOUND", "There is no lab with that id.");
  return parsed.data;
}

/** Runs `handler` for the current viewer (signed in or not) and maps every failure to JSON. */
export async function withViewer(handler: (viewer: Viewer) => Promise<Response>): Promise<Response> {
  try {
    return await handler(await currentViewer());
  } catch (err) {
    if (err instanceof LabError) return errorResponse(err);
    console.error("[labs] relay failed", err);
    return errorResponse(new LabError("ENGINE_ERROR", "The lab relay hit an unexpected error. Reload the page to start again."));
  }
}
