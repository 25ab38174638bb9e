import type { Metadata } from "next";
import { QuizRoundPage } from "@/components/quiz/quiz-round-page";
import { contentCatalog } from "@/lib/progress/content-catalog";
import { toPlayerItems } from "@/lib/progress/player-items";
import { mixedSet } from "@/lib/progress/quiz-sets";

// A new random draw on every visit.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Quiz: Mixed practice" };

export default function MixedQuizPage() {
  const { tree, predictItems } = contentCatalog();
  const set = mixedSet(tree, undefined, Math.random, predictItems);
  return <QuizRoundPage set={set} items={toPlayerItems(tree, set.items)} label="Mixed" />;
}
