// A real SQLite file, migrated with the project's own runner, per test file.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface TestDatabase {
  prisma: PrismaClient;
  file: string;
  close: () => Promise<void>;
}

export function openTestDatabase(label: string): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `layerlab-${label}-`));
  const file = path.join(dir, "progress.db");
  migrate(file);
  const prisma = createPrismaClient(file);
  return {
    prisma,
    file,
    close: async () => {
      await prisma.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createLearner(prisma: PrismaClient, label: string) {
  return prisma.user.create({ data: { email: `${label}-${randomUUID()}@example.test`, name: label } });
}
