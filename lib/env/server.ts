import "server-only";
import { parseEnv, type Env } from "./schema.mjs";

let cached: Env | undefined;

/** The validated environment; the first call validates and throws an EnvError naming each bad variable. */
export function serverEnv(): Env {
  // While `next build` prerenders pages, runtime-only secrets are legitimately absent.
  const phase = process.env.NEXT_PHASE === "phase-production-build" ? "build" : "runtime";
  if (phase === "build") return parseEnv(process.env, "build");
  cached ??= parseEnv(process.env, "runtime");
  return cached;
}

export function githubSignInEnabled(): boolean {
  const env = serverEnv();
  return Boolean(env.GITHUB_ID && env.GITHUB_SECRET);
}
