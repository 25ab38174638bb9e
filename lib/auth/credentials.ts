import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { verifyAgainstNothing, verifyPassword } from "./password";
import { signInByAddress, signInByEmail } from "./rate-limit";

export const wrongCredentialsMessage = "That email and password do not match an account.";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Enter your password.").max(1024),
});

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
}

/**
 * Checks an email and password. Throws an Error whose message is shown to the learner; the
 * message is the same whether the email exists or not.
 */
export async function authorizeCredentials(raw: unknown, clientAddress: string): Promise<SignedInUser> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? wrongCredentialsMessage);
  const { email, password } = parsed.data;

  for (const decision of [signInByAddress.attempt(`addr:${clientAddress}`), signInByEmail.attempt(`email:${email}`)]) {
    if (!decision.allowed) {
      throw new Error(`Too many sign-in attempts. Try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minute(s).`);
    }
  }

  const user = await db().user.findUnique({ where: { email } });
  const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : await verifyAgainstNothing(password);
  if (!user || !ok) throw new Error(wrongCredentialsMessage);
  signInByEmail.reset(`email:${email}`);
  return { id: user.id, email: user.email, name: user.name };
}
