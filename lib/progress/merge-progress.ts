import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Tx } from "./card-store";
import type { Catalog } from "./catalog";
import { ProgressError } from "./errors";
import type { MergeInput } from "./inputs";
import { applyPrediction } from "./record-prediction";
import { applyAttempt } from "./record-attempt";
import { applyRatingInput } from "./record-rating";
import { applyScenarioStep } from "./scenario-steps";

export interface MergeCounts {
  /** Newly stored in the account. */
  stored: number;
  /** Already in the account (an earlier merge or submission with the same id): not counted again. */
  alreadyThere: number;
  /** Refused: unknown content, or an id that belongs to another learner. */
  skipped: number;
}

export type MergeReport = Record<"attempts" | "ratings" | "predictions" | "scenarioSteps", MergeCounts>;

type Kind = keyof MergeReport;
interface Event {
  kind: Kind;
  at: number;
  apply: (tx: Tx) => Promise<boolean | null>;
}

/**
 * Folds a signed-out learner's browser progress into their account. The events are replayed in
 * the order they happened, through the same functions a live submission uses, so the account
 * ends up where the browser was; every event carries its id, so merging twice (a retry, a second
 * tab) stores nothing twice. All of it is one transaction: a failure leaves the account as it was
 * and the browser keeps its copy to try again.
 */
export async function mergeProgress(prisma: PrismaClient, userId: string, input: MergeInput, catalog: Catalog, now = new Date()): Promise<MergeReport> {
  const events: Event[] = [
    ...input.attempts.map((a): Event => ({
      kind: "attempts",
      at: Date.parse(a.finishedAt),
      apply: async (tx) => (await applyAttempt(tx, userId, a, catalog, now, true))?.created ?? null,
    })),
    ...input.ratings.map((r): Event => ({ kind: "ratings", at: Date.parse(r.reviewedAt), apply: async (tx) => (await applyRatingInput(tx, userId, r, catalog, now)).created })),
    ...input.predictions.map((p): Event => ({ kind: "predictions", at: Date.parse(p.predictedAt), apply: async (tx) => (await applyPrediction(tx, userId, p, catalog, now)).created })),
    ...input.scenarioSteps.map((s): Event => ({ kind: "scenarioSteps", at: Date.parse(s.completedAt), apply: async (tx) => (await applyScenarioStep(tx, userId, s, catalog, now)).created })),
  ].sort((a, b) => a.at - b.at);

  const zero = (): MergeCounts => ({ stored: 0, alreadyThere: 0, skipped: 0 });
  const report: MergeReport = { attempts: zero(), ratings: zero(), predictions: zero(), scenarioSteps: zero() };
  await prisma.$transaction(
    async (tx) => {
      for (const event of events) {
        const counts = report[event.kind];
        try {
          const created = await event.apply(tx);
          if (created === null) counts.skipped += 1;
          else if (created) counts.stored += 1;
          else counts.alreadyThere += 1;
        } catch (err) {
          // Each refusal is raised before its event writes anything, so the rest can go on.
          if (!(err instanceof ProgressError)) throw err;
          counts.skipped += 1;
        }
      }
    },
    { timeout: 30_000 },
  );
  return report;
}
