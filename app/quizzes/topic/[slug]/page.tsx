import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { QuizRoundPage } from "@/components/quiz/quiz-round-page";
import { contentCatalog } from "@/lib/progress/content-catalog";
import { toPlayerItems } from "@/lib/progress/player-items";
import { listQuizSets, topicSet } from "@/lib/progress/quiz-sets";

// One static page per deep-dive topic that has quiz items; anything else is a 404.
export const dynamicParams = false;

export function generateStaticParams() {
  const { tree, predictItems } = contentCatalog();
  return listQuizSets(tree, predictItems).topics.map((t) => ({ slug: t.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { tree, predictItems } = contentCatalog();
  const set = topicSet(tree, (await params).slug, predictItems);
  return { title: set ? `Quiz: ${set.title}` : "Quiz" };
}

export default async function TopicQuizPage({ params }: { params: Promise<{ slug: string }> }) {
  const { tree, predictItems } = contentCatalog();
  const set = topicSet(tree, (await params).slug, predictItems);
  if (!set || set.items.length === 0) notFound();
  return <QuizRoundPage set={set} items={toPlayerItems(tree, set.items)} label="By topic" />;
}
