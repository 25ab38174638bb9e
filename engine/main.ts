// The lab engine process: `npm run engine`. Reads ENGINE_PORT (default 4100) and ENGINE_TOKEN
// (required, at least 16 characters), serves the control API on 127.0.0.1, and on SIGINT/SIGTERM
// deletes every lab (closing all their sockets and timers) before exiting.
import { MIN_TOKEN_LENGTH } from "./api/auth";
import { createControlServer } from "./api/server";
import { LabManager } from "./lab/lab-manager";

/** Errors that belong to one socket (a peer reset, a write after close): log and keep serving. */
const PER_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ETIMEDOUT", "ECONNREFUSED", "EHOSTUNREACH", "ERR_STREAM_DESTROYED", "ERR_STREAM_WRITE_AFTER_END", "ERR_SSL_WRONG_VERSION_NUMBER", "ERR_SSL_HTTP_REQUEST"]);

function fail(message: string): never {
  console.error(`[engine] ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const token = process.env.ENGINE_TOKEN ?? "";
  if (token.length < MIN_TOKEN_LENGTH)
    fail(`ENGINE_TOKEN must be set to a secret of at least ${MIN_TOKEN_LENGTH} characters (e.g. ENGINE_TOKEN=$(openssl rand -hex 24) npm run engine)`);
  const rawPort = process.env.ENGINE_PORT ?? "4100";
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`ENGINE_PORT must be a port number, got "${rawPort}"`);

  const guard = (kind: string) => (err: unknown) => {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (code && PER_SOCKET_CODES.has(code)) {
      console.warn(`[engine] ${kind} on one socket (${code}); continuing`);
      return;
    }
    console.error(`[engine] fatal ${kind}:`, err);
    process.exit(1);
  };
  process.on("uncaughtException", guard("uncaught exception"));
  process.on("unhandledRejection", guard("unhandled rejection"));

  const manager = new LabManager();
  const control = createControlServer({ token, manager });
  let bound: number;
  try {
    bound = await control.listen(port);
  } catch (err) {
    fail(`cannot listen on 127.0.0.1:${port}: ${(err as Error).message}`);
  }
  console.log(`[engine] control API on http://127.0.0.1:${bound} (GET /v1/health is public; everything else needs the bearer token)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[engine] ${signal}: deleting ${manager.size} lab(s) and closing`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    await manager.closeAll("shutdown");
    await control.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

void main();
