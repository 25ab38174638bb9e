import type { Metadata } from "next";
import { LocalProgressMerge } from "@/components/dashboard/local-progress-merge";
import { QuizSetList } from "@/components/quiz/quiz-set-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { contentCatalog } from "@/lib/progress/content-catalog";
import { listQuizSets, mixedRoundSize } from "@/lib/progress/quiz-sets";

export const metadata: Metadata = { title: "Quizzes" };

export default function QuizzesPage() {
  const { tree, predictItems } = contentCatalog();
  const { categories, topics } = listQuizSets(tree, predictItems);
  if (categories.length === 0 && topics.length === 0) {
    return (
      <>
        <PageHeader title="Quizzes">Practise by category or mix everything together.</PageHeader>
        <EmptyState title="No quizzes yet" action={{ href: "/learn", label: "Study the cards first" }}>
          Quizzes open here once the first question banks are published.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Quizzes">
        Practise by category, by deep-dive topic, or mixed. Every answer explains itself, and whatever you miss comes back in your review queue.
      </PageHeader>
      <LocalProgressMerge signedOutHint />
      <QuizSetList
        heading="Mixed"
        sets={[{ kind: "mixed", slug: "mixed", title: "Mixed practice", summary: `${mixedRoundSize} questions drawn at random from every bank; a new draw each time.`, count: mixedRoundSize, href: "/quizzes/mixed" }]}
      />
      <QuizSetList heading="By category" sets={categories} />
      <QuizSetList heading="By topic" sets={topics} />
    </>
  );
}
