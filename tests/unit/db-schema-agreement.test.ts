// Proves the committed SQL migrations and prisma/schema.prisma describe the same database:
// every model's scalar fields are exactly its table's columns, and Prisma's client can write
// and read every model through the driver adapter on a freshly migrated file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

let dir: string;
let file: string;
let prisma: PrismaClient;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "layerlab-schema-"));
  file = path.join(dir, "agreement.db");
  migrate(file);
  prisma = createPrismaClient(file);
});
afterAll(async () => {
  await prisma.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

function columns(table: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { name: string }>(`PRAGMA table_info("${table}")`).all().map((c) => c.name).sort();
  } finally {
    db.close();
  }
}

describe("migrations agree with schema.prisma", () => {
  it.each(Object.values(Prisma.ModelName))("model %s has exactly its table's columns", (model) => {
    const enumName = `${model}ScalarFieldEnum` as keyof typeof Prisma;
    const fields = Object.values(Prisma[enumName] as Record<string, string>).sort();
    expect(columns(model)).toEqual(fields);
  });

  it("writes and reads every field of User through Prisma", async () => {
    const created = await prisma.user.create({
      data: { email: "agree@example.com", name: "Agree", passwordHash: "scrypt$x", githubId: "42", image: "https://example.com/a.png" },
    });
    const read = await prisma.user.findUniqueOrThrow({ where: { email: "agree@example.com" } });
    expect(read).toEqual(created);
    expect(read.createdAt).toBeInstanceOf(Date);
    await expect(prisma.user.create({ data: { email: "agree@example.com" } })).rejects.toMatchObject({ code: "P2002" });
    await prisma.user.update({ where: { id: read.id }, data: { name: "Changed" } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: read.id } })).name).toBe("Changed");
  });
});
