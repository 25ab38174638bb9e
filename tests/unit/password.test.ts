import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblems, verifyPassword } from "@/lib/auth/password";

describe("password rules", () => {
  it("accepts a long password mixing letters and digits", () => {
    expect(passwordProblems("correct horse 42", "ada@example.com")).toEqual([]);
  });

  it.each([
    ["short1", /at least 10/],
    ["onlyletterslong", /digit or symbol/],
    ["1234567890123", /digit or symbol/],
    ["Password123", /too common/],
    ["x".repeat(129) + "1", /at most 128/],
  ])("rejects %s", (password, problem) => {
    expect(passwordProblems(password).join(" ")).toMatch(problem);
  });

  it("rejects a password containing the email's name", () => {
    expect(passwordProblems("grace-hopper-1906", "grace@example.com").join(" ")).toMatch(/email name/);
  });
});

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse 42");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse 42", hash)).toBe(true);
    expect(await verifyPassword("correct horse 43", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password 1")).not.toBe(await hashPassword("same password 1"));
  });

  it("treats a malformed stored hash as a mismatch, not a crash", async () => {
    expect(await verifyPassword("anything", "md5$abc")).toBe(false);
    expect(await verifyPassword("anything", "")).toBe(false);
  });
});
