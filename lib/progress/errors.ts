// Errors the progress code raises on purpose. Each carries a stable code and the HTTP status a
// route handler answers with, so handlers map errors without knowing why they happened.
export type ProgressErrorCode = "INVALID_INPUT" | "FORBIDDEN" | "NOT_FOUND" | "UNKNOWN_CONTENT" | "TOO_LARGE";

type Status = 400 | 403 | 404 | 413 | 422;

const statusByCode: Record<ProgressErrorCode, Status> = {
  INVALID_INPUT: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_CONTENT: 422,
  TOO_LARGE: 413,
};

export class ProgressError extends Error {
  readonly status: Status;
  constructor(
    readonly code: ProgressErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ProgressError";
    this.status = statusByCode[code];
  }
}

/** Someone else's record: the same answer whether they asked to read it or to overwrite it. */
export function forbidden(what: string): ProgressError {
  return new ProgressError("FORBIDDEN", `This ${what} belongs to another learner.`);
}

/** Prisma's unique-constraint violation, which a concurrent duplicate submission produces. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "P2002";
}
