// Environment variables, validated with zod at build (next.config.mjs) and at server start
// (instrumentation.ts, scripts/start.ts). Plain JS so next.config.mjs can import it; TypeScript
// infers the types through JSDoc. Pattern from create-t3-app's `src/env.js`.
import { z } from "zod";

const optionalNonEmpty = z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional());

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^file:.+/, "must be a SQLite file URL such as file:./data/layerlab.db")
      .default("file:./data/layerlab.db"),
    NEXTAUTH_SECRET: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
    ),
    NEXTAUTH_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url("must be a URL such as http://localhost:3000").optional()),
    GITHUB_ID: optionalNonEmpty,
    GITHUB_SECRET: optionalNonEmpty,
    ENGINE_PORT: z.coerce.number().int().min(1).max(65535).default(4100),
    ENGINE_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16, "must be at least 16 characters").optional()),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.GITHUB_ID) !== Boolean(env.GITHUB_SECRET)) {
      const missing = env.GITHUB_ID ? "GITHUB_SECRET" : "GITHUB_ID";
      ctx.addIssue({ code: "custom", path: [missing], message: "GitHub sign-in needs both GITHUB_ID and GITHUB_SECRET" });
    }
  });

/**
 * @typedef {z.infer<typeof envSchema>} Env
 * @typedef {"build" | "runtime"} EnvPhase
 */

export class EnvError extends Error {
  /** @param {{ variable: string; message: string }[]} problems */
  constructor(problems) {
    super(
      "Invalid environment:\n" +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n") +
        "\nSet these variables (or unset them to use the defaults) and start again.",
    );
    this.name = "EnvError";
    this.code = "ENV_INVALID";
    this.problems = problems;
  }
}

/**
 * Parses the environment. At runtime in production the session secret is required: without it
 * next-auth would sign sessions with nothing a restart could reproduce.
 * @param {Record<string, string | undefined>} source
 * @param {EnvPhase} phase
 * @returns {Env}
 */
export function parseEnv(source, phase = "runtime") {
  const result = envSchema.safeParse(source);
  /** @type {{ variable: string; message: string }[]} */
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "(environment)"), message: issue.message }));
  if (result.success && phase === "runtime" && result.data.NODE_ENV === "production" && !result.data.NEXTAUTH_SECRET) {
    problems.push({ variable: "NEXTAUTH_SECRET", message: "is required in production (npm start generates one in data/auth-secret)" });
  }
  if (problems.length || !result.success) throw new EnvError(problems);
  return result.data;
}
