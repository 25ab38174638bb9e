import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { hashPassword, passwordProblems } from "./password";

export const signUpSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  password: z.string().max(1024, "Use at most 128 characters."),
  name: z
    .string()
    .trim()
    .max(80, "Keep the name under 80 characters.")
    .optional()
    .transform((v) => (v ? v : undefined)),
});

export type SignUpResult =
  | { ok: true; user: { id: string; email: string } }
  | { ok: false; status: 400 | 409; code: "INVALID_INPUT" | "WEAK_PASSWORD" | "EMAIL_TAKEN"; message: string; field?: string };

export async function signUp(raw: unknown): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, status: 400, code: "INVALID_INPUT", message: issue?.message ?? "Invalid input.", field: issue?.path.join(".") };
  }
  const { email, password, name } = parsed.data;
  const problems = passwordProblems(password, email);
  if (problems.length) {
    return { ok: false, status: 400, code: "WEAK_PASSWORD", message: `That password is too weak. ${problems.join(" ")}`, field: "password" };
  }
  const existing = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    return { ok: false, status: 409, code: "EMAIL_TAKEN", message: "An account with this email already exists. Sign in instead.", field: "email" };
  }
  try {
    const user = await db().user.create({ data: { email, name, passwordHash: await hashPassword(password) }, select: { id: true, email: true } });
    return { ok: true, user };
  } catch (err) {
    // Two sign-ups racing for one email: the UNIQUE index decides, the loser gets the same answer.
    if ((err as { code?: string }).code === "P2002") {
      return { ok: false, status: 409, code: "EMAIL_TAKEN", message: "An account with this email already exists. Sign in instead.", field: "email" };
    }
    throw err;
  }
}
