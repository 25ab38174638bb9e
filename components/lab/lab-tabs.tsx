"use client";

import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export interface LabTab {
  id: string;
  label: string;
  render: () => ReactNode;
}

/**
 * WAI-ARIA tabs (arrow keys, Home/End). A panel mounts the first time it is shown and then stays
 * mounted but hidden, so the composer keeps its form and charts do not re-measure on every switch.
 */
export function LabTabs({ tabs, label }: { tabs: LabTab[]; label: string }) {
  const [active, setActive] = useState(tabs[0]?.id ?? "");
  const [seen, setSeen] = useState(() => new Set([tabs[0]?.id ?? ""]));
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const select = (id: string, focus = false) => {
    setActive(id);
    setSeen((s) => (s.has(id) ? s : new Set(s).add(id)));
    if (focus) refs.current.get(id)?.focus();
  };
  const onKey = (e: KeyboardEvent, i: number) => {
    const next = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    if (tab) select(tab.id, true);
  };
  return (
    <div className="mt-4">
      <div role="tablist" aria-label={label} className="flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) refs.current.set(t.id, el);
            }}
            role="tab"
            type="button"
            id={`tab-${t.id}`}
            aria-selected={active === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            onClick={() => select(t.id)}
            onKeyDown={(e) => onKey(e, i)}
            className={`h-11 shrink-0 border-b-2 px-3 text-sm font-semibold ${active === t.id ? "border-brand-700 text-brand-800 dark:text-brand-100" : "border-transparent text-slate-700 hover:text-slate-900 dark:text-slate-300"}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div key={t.id} role="tabpanel" id={`panel-${t.id}`} aria-labelledby={`tab-${t.id}`} hidden={active !== t.id} tabIndex={0} className="pt-4">
          {seen.has(t.id) && t.render()}
        </div>
      ))}
    </div>
  );
}
