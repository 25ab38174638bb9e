import Link from "next/link";
import { LocalProgressMerge } from "@/components/dashboard/local-progress-merge";
import { PageHeader } from "@/components/ui/page-header";
import type { PlayerItem } from "@/lib/progress/quiz-items";
import type { QuizSet } from "@/lib/progress/quiz-sets";
import { QuizPlayer } from "./quiz-player";

/** The page around a round: title, what it covers, then the player. */
export function QuizRoundPage({ set, items, label }: { set: QuizSet; items: PlayerItem[]; label: string }) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/quizzes" className="text-brand-700 underline dark:text-brand-500">
          Quizzes
        </Link>{" "}
        <span aria-hidden="true">/</span> {label}
      </nav>
      <PageHeader title={`Quiz: ${set.title}`}>
        {items.length} {items.length === 1 ? "question" : "questions"}. {set.summary}
      </PageHeader>
      <LocalProgressMerge signedOutHint />
      <QuizPlayer kind={set.kind} slug={set.slug} title={set.title} items={items} />
    </>
  );
}
