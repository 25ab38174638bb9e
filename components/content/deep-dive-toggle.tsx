"use client";

import { useId, useState, type ReactNode } from "react";

/**
 * The "go deeper" control: the deep dive is rendered on the server (so it is in the static HTML
 * and searchable by the browser) and only hidden until the learner asks for it.
 */
export function DeepDiveToggle({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const regionId = useId();
  return (
    <section aria-labelledby={`${regionId}-button`} className="mt-8">
      <button
        id={`${regionId}-button`}
        type="button"
        aria-expanded={open}
        aria-controls={regionId}
        onClick={() => setOpen((v) => !v)}
        className="inline-flex h-11 items-center gap-2 rounded-md border border-slate-300 px-4 text-sm font-semibold hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        <span aria-hidden="true">{open ? "▾" : "▸"}</span>
        {open ? "Hide the deep dive" : "Go deeper"}
      </button>
      <div id={regionId} hidden={!open} className="mt-4">
        {children}
      </div>
    </section>
  );
}
