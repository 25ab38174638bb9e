import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuestionList } from "@/components/content/question-list";
import { PageHeader } from "@/components/ui/page-header";
import { content, tagBySlug } from "@/lib/content";

export const dynamicParams = false;

export function generateStaticParams() {
  return content().tags.map((t) => ({ slug: t.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const tag = tagBySlug((await params).slug);
  return tag ? { title: `#${tag.title}` } : {};
}

export default async function TagPage({ params }: { params: Promise<{ slug: string }> }) {
  const tag = tagBySlug((await params).slug);
  if (!tag) notFound();
  const questions = content().questions.filter((q) => q.tags.includes(tag.slug));
  const topics = content().topics.filter((t) => t.tags.includes(tag.slug));
  return (
    <>
      <PageHeader title={`#${tag.title}`}>
        {questions.length} question{questions.length === 1 ? "" : "s"} and {topics.length} deep dive{topics.length === 1 ? "" : "s"} tagged {tag.title}.
      </PageHeader>
      {topics.length > 0 && (
        <section aria-labelledby="topics" className="mb-8">
          <h2 id="topics" className="mb-3 text-xl font-semibold">
            Deep dives
          </h2>
          <ul className="space-y-2">
            {topics.map((t) => (
              <li key={t.slug}>
                <Link href={`/topics/${t.slug}`} className="font-medium text-brand-700 underline dark:text-brand-100">
                  {t.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {questions.length > 0 ? (
        <section aria-labelledby="questions">
          <h2 id="questions" className="mb-3 text-xl font-semibold">
            Questions
          </h2>
          <QuestionList questions={questions} />
        </section>
      ) : (
        <p className="text-slate-600 dark:text-slate-300">Nothing is tagged {tag.title} yet.</p>
      )}
    </>
  );
}
