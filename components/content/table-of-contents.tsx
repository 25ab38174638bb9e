import type { TocEntry } from "@/lib/content/toc";

/** Sticky on wide screens; a plain list above the article on phones. */
export function TableOfContents({ entries }: { entries: TocEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <nav aria-label="On this page" className="text-sm lg:sticky lg:top-20 lg:max-h-[calc(100vh-6rem)] lg:overflow-y-auto">
      <p className="mb-2 font-semibold">On this page</p>
      <ol className="space-y-1.5 border-l border-slate-200 dark:border-slate-800">
        {entries.map((e) => (
          <li key={e.id} className={e.depth === 3 ? "pl-6" : "pl-3"}>
            <a href={`#${e.id}`} className="text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
              {e.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
