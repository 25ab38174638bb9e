import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { currentUser } from "@/lib/auth/session";
import { serverEnv } from "@/lib/env/server";

// Who a lab belongs to. Signed-in learners are keyed by user id; anonymous ones by a random id in
// an HttpOnly cookie, signed so a client cannot mint ids that look like someone else's (it could
// only ever reach labs under its own id anyway: the engine scopes every call by owner).

export interface Viewer {
  kind: "user" | "anonymous";
  /** Sent to the engine as x-layerlab-owner. */
  owner: string;
  userId: string | null;
}

export const ownerCookie = "layerlab_lab_owner";
const cookieMaxAge = 30 * 24 * 3600;
let fallbackKey: string | undefined;

function signingKey(): string {
  // Without NEXTAUTH_SECRET (development) a per-process key still prevents forgery; anonymous
  // learners simply get a new id after a restart.
  return serverEnv().NEXTAUTH_SECRET ?? (fallbackKey ??= randomBytes(32).toString("hex"));
}

const sign = (id: string) => createHmac("sha256", signingKey()).update(`lab-owner:${id}`).digest("base64url");

/** The id inside a cookie value, or null when it is malformed or its signature does not verify. */
export function verifyOwnerCookie(value: string | undefined): string | null {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(value ?? "");
  if (!match) return null;
  const [, id, sig] = match as unknown as [string, string, string];
  const expected = Buffer.from(sign(id));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

/** The current viewer; an anonymous one without a valid cookie gets a new one set on the response. */
export async function currentViewer(): Promise<Viewer> {
  const user = await currentUser();
  if (user) return { kind: "user", owner: `user:${user.id}`, userId: user.id };
  const jar = await cookies();
  let id = verifyOwnerCookie(jar.get(ownerCookie)?.value);
  if (!id) {
    id = randomBytes(16).toString("base64url");
    jar.set(ownerCookie, `${id}.${sign(id)}`, {
      httpOnly: true,
      sameSite: "lax",
      path: "/api/labs",
      maxAge: cookieMaxAge,
      secure: (serverEnv().NEXTAUTH_URL ?? "").startsWith("https://"),
    });
  }
  return { kind: "anonymous", owner: `anon:${id}`, userId: null };
}
