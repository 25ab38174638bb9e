import path from "node:path";

export const defaultDatabaseUrl = "file:./data/layerlab.db";

/** Turns a SQLite `file:` URL into an absolute path (relative paths are from the project root). */
export function databasePathFromUrl(url: string, cwd: string = process.cwd()): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file: URL such as ${defaultDatabaseUrl} (got "${url}")`);
  }
  const raw = url.slice("file:".length).replace(/\?.*$/, "");
  if (!raw) throw new Error("DATABASE_URL names no file");
  return path.resolve(cwd, raw);
}
