import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MigrationError, migrate, readMigrations, type Migration } from "@/lib/db/migrate";
import { createHash } from "node:crypto";

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "layerlab-migrate-"));
  file = path.join(dir, "nested", "test.db");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const m = (name: string, sql: string): Migration => ({ name, sql, checksum: createHash("sha256").update(sql).digest("hex") });

function tables(): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all().map((r) => r.name);
  } finally {
    db.close();
  }
}

describe("migration runner", () => {
  it("applies the project's migrations to a fresh file and records them", () => {
    const result = migrate(file);
    expect(result.applied.length).toBe(readMigrations().length);
    expect(tables()).toEqual(expect.arrayContaining(["User", "_layerlab_migrations"]));
  });

  it("is idempotent: a second run applies nothing", () => {
    migrate(file);
    const again = migrate(file);
    expect(again.applied).toEqual([]);
    expect(again.skipped.length).toBe(readMigrations().length);
  });

  it("rolls back a failing migration completely and records nothing for it", () => {
    const good = m("0001_a", "CREATE TABLE a (id INTEGER);");
    const bad = m("0002_b", "CREATE TABLE b (id INTEGER); INSERT INTO missing VALUES (1);");
    expect(() => migrate(file, [good, bad])).toThrowError(MigrationError);
    expect(tables()).toContain("a");
    expect(tables()).not.toContain("b");
    const db = new Database(file, { readonly: true });
    const names = db.prepare<[], { name: string }>(`SELECT name FROM "_layerlab_migrations"`).all().map((r) => r.name);
    db.close();
    expect(names).toEqual(["0001_a"]);
  });

  it("refuses to run when an applied migration was edited", () => {
    migrate(file, [m("0001_a", "CREATE TABLE a (id INTEGER);")]);
    expect(() => migrate(file, [m("0001_a", "CREATE TABLE a (id INTEGER, x TEXT);")])).toThrowError(/was changed after it was applied/);
  });

  it("reports a migration folder without migration.sql by name", () => {
    const migrations = path.join(dir, "migrations");
    fs.mkdirSync(path.join(migrations, "0001_empty"), { recursive: true });
    expect(() => readMigrations(migrations)).toThrowError(/0001_empty has no migration.sql/);
  });
});
