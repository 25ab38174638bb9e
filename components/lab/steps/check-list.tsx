import type { CheckOutcome } from "@/lib/labs/evaluate-check";

/** The step's check, assertion by assertion, with what has been seen so far. */
export function CheckList({ description, outcome }: { description: string; outcome: CheckOutcome | null }) {
  return (
    <div className="mt-4" aria-live="polite">
      <h4 className="text-sm font-semibold">Done when</h4>
      <p className="text-sm text-slate-700 dark:text-slate-300">{description}</p>
      {outcome && (
        <ul className="mt-2 space-y-1 text-sm" data-testid="check-list">
          {outcome.assertions.map((a) => (
            <li key={a.label} className="flex gap-2">
              <span aria-hidden className={a.passed ? "text-emerald-700 dark:text-emerald-400" : "text-slate-500"}>
                {a.passed ? "✓" : "○"}
              </span>
              <span>
                <span className="sr-only">{a.passed ? "Passed: " : "Not yet: "}</span>
                {a.label} <span className="text-slate-600 dark:text-slate-400">— {a.detail}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
