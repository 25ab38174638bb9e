// Sign-in against a real, freshly migrated SQLite file: the same message for a wrong password
// and an unknown email, and the per-email limit.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layerlab-auth-"));
const file = path.join(dir, "auth.db");
process.env.DATABASE_URL = `file:${file}`;

const { migrate } = await import("@/lib/db/migrate");
const { db } = await import("@/lib/db/client");
const { authorizeCredentials, wrongCredentialsMessage } = await import("@/lib/auth/credentials");
const { signUp } = await import("@/lib/auth/signup");
const { authOptions } = await import("@/lib/auth/options");
const { parseEnv } = await import("@/lib/env/schema.mjs");

beforeAll(() => {
  migrate(file);
});
afterAll(async () => {
  await db().$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("credentials sign-in", () => {
  it("signs in with the right password, case-insensitively on the email", async () => {
    expect(await signUp({ email: "Ada@Example.test", password: "analytical engine 1" })).toMatchObject({ ok: true });
    const user = await authorizeCredentials({ email: "ADA@example.test", password: "analytical engine 1" }, "10.0.0.1");
    expect(user.email).toBe("ada@example.test");
  });

  it("gives one message for a wrong password and for an unknown email", async () => {
    await expect(authorizeCredentials({ email: "ada@example.test", password: "wrong password 1" }, "10.0.0.2")).rejects.toThrow(wrongCredentialsMessage);
    await expect(authorizeCredentials({ email: "nobody@example.test", password: "wrong password 1" }, "10.0.0.2")).rejects.toThrow(wrongCredentialsMessage);
  });

  it("stores only a slow hash, never the password", async () => {
    const row = await db().user.findUniqueOrThrow({ where: { email: "ada@example.test" } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain("analytical");
  });

  it("rate-limits attempts per email, even from many addresses", async () => {
    const attempt = (i: number) => authorizeCredentials({ email: "grace@example.test", password: "guess number " + i }, `10.1.0.${i}`);
    for (let i = 0; i < 8; i += 1) await expect(attempt(i)).rejects.toThrow(wrongCredentialsMessage);
    await expect(attempt(9)).rejects.toThrow(/Too many sign-in attempts/);
  });

  it("rate-limits attempts per address across emails", async () => {
    const attempt = (i: number) => authorizeCredentials({ email: `spray${i}@example.test`, password: "guess 12345" }, "10.9.9.9");
    for (let i = 0; i < 40; i += 1) await expect(attempt(i)).rejects.toThrow(wrongCredentialsMessage);
    await expect(attempt(41)).rejects.toThrow(/Too many sign-in attempts/);
  });
});

describe("session cookies", () => {
  it("are secure behind HTTPS and not on plain http://localhost", () => {
    const secret = "x".repeat(40);
    expect(authOptions(parseEnv({ NEXTAUTH_SECRET: secret, NEXTAUTH_URL: "https://layerlab.example" })).useSecureCookies).toBe(true);
    expect(authOptions(parseEnv({ NEXTAUTH_SECRET: secret, NEXTAUTH_URL: "http://localhost:3000" })).useSecureCookies).toBe(false);
  });
});
