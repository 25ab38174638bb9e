import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { bumpActivity, clampToNow } from "./activity";
import type { Tx } from "./card-store";
import type { Catalog } from "./catalog";
import { isUniqueViolation, ProgressError } from "./errors";
import type { ScenarioStepInput } from "./inputs";

export interface ScenarioProgress {
  scenario: string;
  steps: Array<{ step: string; completedAt: string }>;
}

/**
 * Marks a step done. (user, scenario, step) is unique, so the lab UI may report a step as often
 * as it likes: the first report counts, later ones change nothing.
 */
export async function applyScenarioStep(tx: Tx, userId: string, input: ScenarioStepInput, catalog: Catalog, now: Date): Promise<{ created: boolean }> {
  if (!catalog.scenarioKnown(input.scenario)) throw new ProgressError("UNKNOWN_CONTENT", `There is no lab scenario called "${input.scenario}".`, "scenario");
  const where = { userId_scenario_step: { userId, scenario: input.scenario, step: input.step } };
  if (await tx.scenarioStep.findUnique({ where })) return { created: false };
  const at = clampToNow(input.completedAt, now);
  const localDate = await bumpActivity(tx, userId, at, input.timeZone, { labSteps: 1 });
  await tx.scenarioStep.create({ data: { userId, scenario: input.scenario, step: input.step, completedAt: at, timeZone: input.timeZone, localDate } });
  return { created: true };
}

export async function readScenarioProgress(prisma: PrismaClient | Tx, userId: string, scenario?: string): Promise<ScenarioProgress[]> {
  const rows = await prisma.scenarioStep.findMany({ where: { userId, ...(scenario ? { scenario } : {}) }, orderBy: { completedAt: "asc" } });
  const byScenario = new Map<string, ScenarioProgress>();
  for (const row of rows) {
    const entry = byScenario.get(row.scenario) ?? { scenario: row.scenario, steps: [] };
    entry.steps.push({ step: row.step, completedAt: row.completedAt.toISOString() });
    byScenario.set(row.scenario, entry);
  }
  return [...byScenario.values()];
}

export async function recordScenarioStep(prisma: PrismaClient, userId: string, input: ScenarioStepInput, catalog: Catalog, now = new Date()): Promise<ScenarioProgress> {
  try {
    await prisma.$transaction((tx) => applyScenarioStep(tx, userId, input, catalog, now));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  const [progress] = await readScenarioProgress(prisma, userId, input.scenario);
  return progress ?? { scenario: input.scenario, steps: [] };
}
