import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/env/server";
import { databasePathFromUrl } from "./database-path";

// One client per process; Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { layerlabPrisma?: PrismaClient };

export function createPrismaClient(databaseFile: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${databaseFile}` }) });
}

export function db(): PrismaClient {
  globalForPrisma.layerlabPrisma ??= createPrismaClient(databasePathFromUrl(serverEnv().DATABASE_URL));
  return globalForPrisma.layerlabPrisma;
}
