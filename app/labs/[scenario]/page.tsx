import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DifficultyBadge } from "@/components/content/difficulty-badge";
import { MdxContent } from "@/components/content/mdx-content";
import { LabWorkspace } from "@/components/lab/lab-workspace";
import type { ClientScenario } from "@/components/lab/scenario-types";
import { allScenarios, backlinksFor, scenarioBySlug } from "@/lib/labs";

export const dynamicParams = false;

export function generateStaticParams() {
  return allScenarios().map((s) => ({ scenario: s.slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ scenario: string }> }): Promise<Metadata> {
  const s = scenarioBySlug((await params).scenario);
  return s ? { title: `Lab: ${s.title}`, description: s.summary } : {};
}

export default async function ScenarioPage({ params }: { params: Promise<{ scenario: string }> }) {
  const scenario = scenarioBySlug((await params).scenario);
  if (!scenario) notFound();
  const links = backlinksFor(scenario.slug);
  const client: ClientScenario = {
    slug: scenario.slug,
    title: scenario.title,
    spec: scenario.spec,
    presets: scenario.presets,
    takeaways: scenario.takeaways,
    steps: scenario.steps.map(({ do: _do, explain: _explain, ...rest }) => rest),
  };
  // Step texts are MDX rendered here on the server; the client lab receives them as elements.
  const bodies = Object.fromEntries(scenario.steps.map((s) => [s.id, { do: <MdxContent source={s.do} />, explain: <MdxContent source={s.explain} /> }]));

  return (
    <div>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
        <Link href="/labs" className="hover:underline">
          Labs
        </Link>
        {` / ${scenario.order}`}
      </nav>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">{scenario.title}</h1>
      <div className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
        <DifficultyBadge difficulty={scenario.difficulty} />
        <span>
          {scenario.steps.length} steps · about {scenario.minutes} min
        </span>
      </div>
      <div className="mt-4 max-w-3xl">
        <MdxContent source={scenario.body} />
      </div>
      <div className="mt-6">
        <LabWorkspace scenario={client} bodies={bodies} />
      </div>
      {(links.cards.length > 0 || links.topics.length > 0) && (
        <section aria-labelledby="read-more" className="mt-10">
          <h2 id="read-more" className="text-xl font-semibold">
            Read about it
          </h2>
          <ul className="mt-3 grid gap-2 sm:grid-cols-2">
            {links.topics.map((t) => (
              <li key={`t-${t.slug}`}>
                <Link href={`/topics/${t.slug}`} className="block rounded-lg border border-slate-200 p-3 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900">
                  <span className="block text-xs text-slate-600 dark:text-slate-400">Deep dive</span>
                  {t.title}
                </Link>
              </li>
            ))}
            {links.cards.map((c) => (
              <li key={`c-${c.slug}`}>
                <Link href={`/questions/${c.slug}`} className="block rounded-lg border border-slate-200 p-3 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900">
                  <span className="block text-xs text-slate-600 dark:text-slate-400">Question card</span>
                  {c.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
