import type { Metadata } from "next";
import Link from "next/link";
import { DifficultyBadge } from "@/components/content/difficulty-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { allScenarios, backlinksFor } from "@/lib/labs";

export const metadata: Metadata = { title: "Labs", description: "Guided experiments that push real traffic through real L4 and L7 proxies." };

export default function LabsPage() {
  const scenarios = allScenarios();
  return (
    <>
      <PageHeader title="Live labs">
        Guided experiments that push real traffic through real L4 and L7 proxies. Each lab starts its own listeners and endpoints on the server when you open it,
        and deletes them when you leave.
      </PageHeader>
      {scenarios.length === 0 ? (
        <EmptyState title="No lab scenarios yet">The first scenarios will appear here.</EmptyState>
      ) : (
        <ol className="grid gap-4 sm:grid-cols-2">
          {scenarios.map((s) => {
            const links = backlinksFor(s.slug);
            return (
              <li key={s.slug} className="flex flex-col rounded-xl border border-slate-200 p-5 dark:border-slate-800">
                <h2 className="text-lg font-semibold">
                  <Link href={`/labs/${s.slug}`} className="hover:underline">
                    {s.order}. {s.title}
                  </Link>
                </h2>
                <p className="mt-2 flex-1 text-slate-700 dark:text-slate-300">{s.summary}</p>
                <div className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
                  <DifficultyBadge difficulty={s.difficulty} />
                  <span>
                    {s.steps.length} steps · about {s.minutes} min
                  </span>
                  {links.cards.length > 0 && <span>{links.cards.length} related cards</span>}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
