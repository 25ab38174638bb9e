import type { ReactNode } from "react";

const looks = {
  interview: { label: "In the interview", box: "border-brand-500 bg-brand-50 dark:bg-slate-900", badge: "text-brand-700 dark:text-brand-100" },
  pitfall: { label: "Pitfall", box: "border-amber-500 bg-amber-50 dark:bg-amber-950/40", badge: "text-amber-800 dark:text-amber-200" },
  note: { label: "Note", box: "border-slate-400 bg-slate-50 dark:bg-slate-900", badge: "text-slate-700 dark:text-slate-200" },
} as const;

type CalloutType = keyof typeof looks;

/** `<Callout type="interview" title="Say this">…</Callout>` in MDX. Unknown types read as notes. */
export function Callout({ type = "note", title, children }: { type?: string; title?: string; children: ReactNode }) {
  const look = looks[(type in looks ? type : "note") as CalloutType];
  return (
    <aside className={`my-6 rounded-r-lg border-l-4 px-4 py-3 ${look.box}`} aria-label={title ?? look.label}>
      <p className={`mb-1 text-xs font-bold uppercase tracking-wide ${look.badge}`}>{title ?? look.label}</p>
      <div className="[&>p]:my-1">{children}</div>
    </aside>
  );
}
