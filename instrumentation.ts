// Runs once when the Next server starts: a bad environment stops the process with a message
// naming each variable, instead of failing later on the first request that needs it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseEnv } = await import("./lib/env/schema.mjs");
  parseEnv(process.env, "runtime");
}
