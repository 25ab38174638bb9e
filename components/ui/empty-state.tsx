import Link from "next/link";
import type { ReactNode } from "react";

interface EmptyStateProps {
  title: string;
  children: ReactNode;
  action?: { href: string; label: string };
}

/** What a page shows before it has anything real to show: an honest sentence and a next step. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <section className="rounded-xl border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mx-auto mt-2 max-w-prose text-slate-600 dark:text-slate-300">{children}</div>
      {action && (
        <Link
          href={action.href}
          className="mt-5 inline-flex h-10 items-center rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800"
        >
          {action.label}
        </Link>
      )}
    </section>
  );
}
