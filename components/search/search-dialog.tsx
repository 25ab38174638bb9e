"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { hrefFor, type SearchDoc } from "@/lib/content/search-shared";
import { useSearchIndex } from "./use-search-index";

type Result = Pick<SearchDoc, "id" | "kind" | "slug" | "title" | "answer">;

/**
 * A modal combobox (WAI-ARIA 1.2 pattern): typing filters, arrows move the active option,
 * Enter opens it, Escape closes and focus returns to where it was.
 */
export function SearchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const { status, load, index } = useSearchIndex();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    returnFocus.current = document.activeElement as HTMLElement | null;
    void load();
    input.current?.focus();
    return () => returnFocus.current?.focus();
  }, [open, load]);

  const results: Result[] = useMemo(() => {
    const text = query.trim();
    if (!text || status !== "ready" || !index.current) return [];
    return index.current.search(text).slice(0, 12) as unknown as Result[];
  }, [query, status, index]);

  if (!open) return null;

  const go = (r: Result | undefined) => {
    if (!r) return;
    onClose();
    router.push(hrefFor(r.kind, r.slug));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, results.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      go(results[active]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      onClose();
    }
  };

  const optionId = (i: number) => `${listId}-option-${i}`;
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-slate-950/50 p-4 pt-[10vh]" onMouseDown={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Search LayerLab"
        className="w-full max-w-xl overflow-hidden rounded-xl bg-white shadow-2xl dark:bg-slate-900"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-label="Search questions and deep dives"
          aria-expanded={results.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={results.length ? optionId(active) : undefined}
          placeholder="Search questions and deep dives…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          className="h-14 w-full border-b border-slate-200 bg-transparent px-4 text-base outline-none dark:border-slate-700"
        />
        <ul id={listId} role="listbox" aria-label="Results" className="max-h-[60vh] overflow-y-auto">
          {results.map((r, i) => (
            <li
              key={r.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              onMouseEnter={() => setActive(i)}
              onClick={() => go(r)}
              className={`cursor-pointer px-4 py-3 ${i === active ? "bg-brand-50 dark:bg-slate-800" : ""}`}
            >
              <span className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
                {r.kind === "question" ? "Question" : "Deep dive"}
              </span>
              <span className="block font-medium">{r.title}</span>
              <span className="line-clamp-1 block text-sm text-slate-600 dark:text-slate-400">{r.answer}</span>
            </li>
          ))}
        </ul>
        <p className="px-4 py-2 text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
          {status === "loading" && "Loading the search index…"}
          {status === "error" && "Search is unavailable right now. Try again in a moment."}
          {status === "ready" && query.trim() && results.length === 0 && `No results for “${query.trim()}”.`}
          {status === "ready" && results.length > 0 && `${results.length} result${results.length === 1 ? "" : "s"}. Use ↑ ↓ and Enter.`}
          {status === "ready" && !query.trim() && "Type to search. Esc closes."}
        </p>
      </div>
    </div>
  );
}
