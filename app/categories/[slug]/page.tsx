import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuestionList } from "@/components/content/question-list";
import { PageHeader } from "@/components/ui/page-header";
import { categoryBySlug, content, questionsInCategory } from "@/lib/content";

export const dynamicParams = false;

export function generateStaticParams() {
  return content().categories.map((c) => ({ slug: c.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const category = categoryBySlug((await params).slug);
  return category ? { title: category.title, description: category.summary } : {};
}

export default async function CategoryPage({ params }: { params: Promise<{ slug: string }> }) {
  const category = categoryBySlug((await params).slug);
  if (!category) notFound();
  const track = content().tracks.find((t) => t.slug === category.track);
  const questions = questionsInCategory(category.slug);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        <Link href="/learn" className="hover:underline">
          Learn
        </Link>
        {track && ` / ${track.title}`}
      </nav>
      <PageHeader title={category.title}>{category.summary}</PageHeader>
      {questions.length > 0 ? (
        <QuestionList questions={questions} />
      ) : (
        <p className="text-slate-600 dark:text-slate-300">No questions in this category yet.</p>
      )}
    </>
  );
}
