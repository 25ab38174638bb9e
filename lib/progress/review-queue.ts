import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { rowToState } from "./card-store";
import type { Catalog } from "./catalog";
import { buildQueue, type ReviewCardContent, type ReviewQueue } from "./review-cards";

export function cardContent(catalog: Catalog, slug: string): ReviewCardContent | undefined {
  const card = catalog.card(slug);
  return card ? { card: card.slug, title: card.title, shortAnswer: card.shortAnswer, category: card.category } : undefined;
}

/** The learner's review queue as of `now`. */
export async function readReviewQueue(prisma: PrismaClient, userId: string, catalog: Catalog, now = new Date()): Promise<ReviewQueue> {
  const rows = await prisma.cardProgress.findMany({ where: { userId, inQueue: true } });
  const entries = rows.map((row) => ({ card: row.card, ...rowToState(row) }));
  return buildQueue(entries, (slug) => cardContent(catalog, slug), now);
}
