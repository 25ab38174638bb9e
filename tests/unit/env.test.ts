import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env/schema.mjs";

const secret = "s".repeat(40);

describe("parseEnv", () => {
  it("fills in defaults for a development machine with nothing set", () => {
    const env = parseEnv({}, "runtime");
    expect(env.NODE_ENV).toBe("development");
    expect(env.DATABASE_URL).toBe("file:./data/layerlab.db");
    expect(env.ENGINE_PORT).toBe(4100);
  });

  it("requires the session secret at production runtime but not at build", () => {
    expect(() => parseEnv({ NODE_ENV: "production" }, "runtime")).toThrowError(/NEXTAUTH_SECRET/);
    expect(parseEnv({ NODE_ENV: "production" }, "build").NODE_ENV).toBe("production");
    expect(parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: secret }, "runtime").NEXTAUTH_SECRET).toBe(secret);
  });

  it("names every malformed variable in one error", () => {
    try {
      parseEnv({ DATABASE_URL: "postgres://x", NEXTAUTH_SECRET: "short", ENGINE_PORT: "99999", NEXTAUTH_URL: "not a url" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(EnvError);
      const variables = (err as EnvError).problems.map((p) => p.variable).sort();
      expect(variables).toEqual(["DATABASE_URL", "ENGINE_PORT", "NEXTAUTH_SECRET", "NEXTAUTH_URL"]);
      expect((err as Error).message).toMatch(/DATABASE_URL: must be a SQLite file URL/);
    }
  });

  it("turns GitHub sign-in on only with both the id and the secret", () => {
    expect(parseEnv({ GITHUB_ID: "id", GITHUB_SECRET: "secret" }).GITHUB_ID).toBe("id");
    expect(() => parseEnv({ GITHUB_ID: "id" })).toThrowError(/GITHUB_SECRET/);
    expect(() => parseEnv({ GITHUB_SECRET: "secret" })).toThrowError(/GITHUB_ID/);
    expect(parseEnv({ GITHUB_ID: "", GITHUB_SECRET: "" }).GITHUB_ID).toBeUndefined();
  });

  it("rejects an engine token too short to be a secret", () => {
    expect(() => parseEnv({ ENGINE_TOKEN: "abc" })).toThrowError(/ENGINE_TOKEN: must be at least 16/);
  });
});
