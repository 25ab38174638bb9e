// Password rules and hashing. scrypt is memory-hard and ships with Node, so there is no native
// addon to build; parameters follow OWASP's scrypt guidance (N=2^17, r=8, p=1 → 128 MiB... too
// much per request on a small machine, so N=2^15 with r=8: 32 MiB and ~50 ms here).
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { z } from "zod";

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const params = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const keyLength = 32;

// The handful of passwords that would pass the length rule and still be guessed first.
const common = new Set([
  "password123", "password1234", "qwertyuiop", "1234567890", "letmein123", "iloveyou123", "administrator",
  "welcome123", "passw0rd123", "qwerty12345", "loadbalancer", "abc1234567",
]);

export const passwordMinLength = 10;
export const passwordMaxLength = 128;

/** Returns the problems with a password; an empty list means it is acceptable. */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < passwordMinLength) problems.push(`Use at least ${passwordMinLength} characters.`);
  if (password.length > passwordMaxLength) problems.push(`Use at most ${passwordMaxLength} characters.`);
  if (!/[A-Za-z]/.test(password) || !/[^A-Za-z]/.test(password)) problems.push("Mix letters with at least one digit or symbol.");
  if (common.has(password.toLowerCase())) problems.push("This password is too common.");
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) problems.push("Do not include your email name in the password.");
  return problems;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, keyLength, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64"), key.toString("base64")].join("$");
}

const storedHash = z.tuple([
  z.literal("scrypt"),
  z.coerce.number().int(),
  z.coerce.number().int(),
  z.coerce.number().int(),
  z.string().min(1),
  z.string().min(1),
]);

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = storedHash.safeParse(stored.split("$"));
  if (!parsed.success) return false;
  const [, N, r, p, saltB64, keyB64] = parsed.data;
  const expected = Buffer.from(keyB64, "base64");
  const key = await scrypt(password, Buffer.from(saltB64, "base64"), expected.length, { N, r, p, maxmem: params.maxmem });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Spend the same time as a real check when the account does not exist (no user enumeration). */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword("not-a-real-password-0");
  await verifyPassword(password, await dummyHash);
  return false;
}
