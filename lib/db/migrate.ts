// Applies the committed SQL migrations in prisma/migrations/<name>/migration.sql, in name order.
// Prisma's own `migrate deploy` needs a native schema engine that cannot be downloaded here, and
// a runner this small is easy to trust: each migration runs in one transaction together with
// its record in `_layerlab_migrations`, so a failure leaves nothing half-applied, and running it
// again is a no-op. A changed checksum of an applied migration is an error, never a silent skip.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  skipped: string[];
}

export class MigrationError extends Error {
  readonly code = "MIGRATION_FAILED";
  constructor(message: string, readonly migration?: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export const defaultMigrationsDir = path.join(process.cwd(), "prisma", "migrations");

export function readMigrations(dir: string = defaultMigrationsDir): Migration[] {
  if (!fs.existsSync(dir)) throw new MigrationError(`migrations folder not found: ${dir}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!fs.existsSync(file)) throw new MigrationError(`${name} has no migration.sql`, name);
      const sql = fs.readFileSync(file, "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export function migrate(databaseFile: string, migrations: Migration[] = readMigrations()): MigrationResult {
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  const db = new Database(databaseFile);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(`CREATE TABLE IF NOT EXISTS "_layerlab_migrations" (
      "name" TEXT NOT NULL PRIMARY KEY,
      "checksum" TEXT NOT NULL,
      "applied_at" TEXT NOT NULL
    )`);
    const result: MigrationResult = { applied: [], skipped: [] };
    const recorded = db.prepare<[string], { checksum: string }>(`SELECT "checksum" FROM "_layerlab_migrations" WHERE "name" = ?`);
    const record = db.prepare(`INSERT INTO "_layerlab_migrations" ("name", "checksum", "applied_at") VALUES (?, ?, ?)`);
    for (const m of migrations) {
      // IMMEDIATE takes the write lock first, so two processes starting at once cannot both
      // decide a migration is pending and apply it twice.
      const apply = db.transaction(() => {
        const row = recorded.get(m.name);
        if (row) {
          if (row.checksum !== m.checksum) {
            throw new MigrationError(`migration ${m.name} was changed after it was applied (checksum differs); add a new migration instead`, m.name);
          }
          return false;
        }
        try {
          db.exec(m.sql);
        } catch (err) {
          throw new MigrationError(`migration ${m.name} failed: ${(err as Error).message}`, m.name);
        }
        record.run(m.name, m.checksum, new Date().toISOString());
        return true;
      });
      if (apply.immediate()) result.applied.push(m.name);
      else result.skipped.push(m.name);
    }
    return result;
  } finally {
    db.close();
  }
}
