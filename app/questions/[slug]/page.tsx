import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeepDiveToggle } from "@/components/content/deep-dive-toggle";
import { DifficultyBadge } from "@/components/content/difficulty-badge";
import { MdxContent } from "@/components/content/mdx-content";
import { QuestionList } from "@/components/content/question-list";
import { TagList } from "@/components/content/tag-list";
import { categoryBySlug, content, neighbours, questionBySlug } from "@/lib/content";

export const dynamicParams = false;

export function generateStaticParams() {
  return content().questions.map((q) => ({ slug: q.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const card = questionBySlug((await params).slug);
  return card ? { title: card.title, description: card.shortAnswer.slice(0, 160) } : {};
}

export default async function QuestionPage({ params }: { params: Promise<{ slug: string }> }) {
  const card = questionBySlug((await params).slug);
  if (!card) notFound();
  const category = categoryBySlug(card.category);
  const related = card.related.map((slug) => content().questions.find((q) => q.slug === slug)).filter((q) => q !== undefined);
  const { previous, next } = neighbours(card);
  const scenarioExists = card.scenario !== undefined && content().scenarios.includes(card.scenario);

  return (
    <article className="mx-auto max-w-3xl">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
        <Link href="/learn" className="hover:underline">
          Learn
        </Link>
        {category && (
          <>
            {" / "}
            <Link href={`/categories/${category.slug}`} className="hover:underline">
              {category.title}
            </Link>
          </>
        )}
      </nav>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">{card.title}</h1>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <DifficultyBadge difficulty={card.difficulty} />
        <TagList tags={card.tags} />
      </div>

      <section aria-labelledby="short-answer" className="mt-6 rounded-xl border border-brand-500/40 bg-brand-50 p-5 dark:bg-slate-900">
        <h2 id="short-answer" className="text-sm font-bold uppercase tracking-wide text-brand-700 dark:text-brand-100">
          The 30-second answer
        </h2>
        <p className="mt-2 text-lg leading-8">{card.shortAnswer}</p>
      </section>

      <DeepDiveToggle>
        <MdxContent source={card.body} />
      </DeepDiveToggle>

      <section aria-labelledby="pitfalls" className="mt-10">
        <h2 id="pitfalls" className="text-xl font-semibold">
          Common pitfalls
        </h2>
        <ul className="mt-3 list-disc space-y-2 pl-6">
          {card.pitfalls.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </section>

      <div className="mt-8 flex flex-wrap gap-3">
        <Link href={`/quizzes?card=${card.slug}`} className="inline-flex h-11 items-center rounded-md bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800">
          Practise this
        </Link>
        {scenarioExists && (
          <Link
            href={`/labs/${card.scenario}`}
            className="inline-flex h-11 items-center rounded-md border border-slate-300 px-4 text-sm font-semibold hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            See it live in the lab
          </Link>
        )}
      </div>

      {related.length > 0 && (
        <section aria-labelledby="related" className="mt-10">
          <h2 id="related" className="mb-3 text-xl font-semibold">
            Related questions
          </h2>
          <QuestionList questions={related} showAnswer={false} />
        </section>
      )}

      <nav aria-label="Previous and next in this category" className="mt-10 grid gap-3 sm:grid-cols-2">
        {previous ? (
          <Link href={`/questions/${previous.slug}`} className="rounded-lg border border-slate-200 p-3 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900">
            <span className="block text-xs text-slate-600 dark:text-slate-400">Previous</span>
            {previous.title}
          </Link>
        ) : (
          <span />
        )}
        {next && (
          <Link href={`/questions/${next.slug}`} className="rounded-lg border border-slate-200 p-3 text-right hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900">
            <span className="block text-xs text-slate-600 dark:text-slate-400">Next</span>
            {next.title}
          </Link>
        )}
      </nav>
    </article>
  );
}
