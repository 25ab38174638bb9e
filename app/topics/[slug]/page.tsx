import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MdxContent } from "@/components/content/mdx-content";
import { QuestionList } from "@/components/content/question-list";
import { TableOfContents } from "@/components/content/table-of-contents";
import { TagList } from "@/components/content/tag-list";
import { content, topicBySlug } from "@/lib/content";
import { tableOfContents } from "@/lib/content/toc";

export const dynamicParams = false;

export function generateStaticParams() {
  return content().topics.map((t) => ({ slug: t.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const topic = topicBySlug((await params).slug);
  return topic ? { title: topic.title, description: topic.summary } : {};
}

export default async function TopicPage({ params }: { params: Promise<{ slug: string }> }) {
  const topic = topicBySlug((await params).slug);
  if (!topic) notFound();
  const related = topic.related.map((slug) => content().questions.find((q) => q.slug === slug)).filter((q) => q !== undefined);
  const scenarios = topic.scenarios.filter((s) => content().scenarios.includes(s));

  return (
    <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_16rem] lg:gap-10">
      <article className="min-w-0">
        <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
          <Link href="/learn" className="hover:underline">
            Learn
          </Link>
          {" / Deep dives"}
        </nav>
        <h1 className="mt-3 text-3xl font-bold tracking-tight sm:text-4xl">{topic.title}</h1>
        <p className="mt-3 text-lg text-slate-600 dark:text-slate-300">{topic.summary}</p>
        <div className="mt-4">
          <TagList tags={topic.tags} />
        </div>
        <div className="mt-6 lg:hidden">
          <TableOfContents entries={tableOfContents(topic.body)} />
        </div>
        <div className="mt-8">
          <MdxContent source={topic.body} />
        </div>
        {scenarios.length > 0 && (
          <section aria-labelledby="labs" className="mt-10">
            <h2 id="labs" className="mb-3 text-xl font-semibold">
              See it live
            </h2>
            <ul className="flex flex-wrap gap-3">
              {scenarios.map((s) => (
                <li key={s}>
                  <Link href={`/labs/${s}`} className="inline-flex h-10 items-center rounded-md border border-slate-300 px-3 text-sm font-medium dark:border-slate-600">
                    Open the {s.replace(/-/g, " ")} lab
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}
        {related.length > 0 && (
          <section aria-labelledby="related" className="mt-10">
            <h2 id="related" className="mb-3 text-xl font-semibold">
              Questions this page answers
            </h2>
            <QuestionList questions={related} showAnswer={false} />
          </section>
        )}
      </article>
      <aside className="hidden lg:block">
        <TableOfContents entries={tableOfContents(topic.body)} />
      </aside>
    </div>
  );
}
