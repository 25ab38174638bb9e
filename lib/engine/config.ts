import "server-only";
import { serverEnv } from "@/lib/env/server";
import { LabError } from "./errors";

export interface EngineConfig {
  baseUrl: string;
  token: string;
}

/** Where the engine listens and the bearer token (only ever sent to 127.0.0.1). */
export function engineConfig(): EngineConfig {
  const env = serverEnv();
  if (!env.ENGINE_TOKEN) throw new LabError("ENGINE_UNAVAILABLE", "The lab engine is not configured on this server (ENGINE_TOKEN is unset).");
  return { baseUrl: `http://127.0.0.1:${env.ENGINE_PORT}`, token: env.ENGINE_TOKEN };
}
