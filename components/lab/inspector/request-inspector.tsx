"use client";

import type { TrafficSpec } from "@/engine/api/schema";
import type { EventIndex } from "@/lib/labs/event-index";
import { inspectResult } from "@/lib/labs/inspect";
import type { ResultRecord } from "@/lib/labs/result-record";

const hopStyle = { client: "border-slate-400", l4: "border-l4", l7: "border-l7", endpoint: "border-emerald-600" } as const;

/** What each hop saw of one request: client, L4 listener, L7 listener, endpoint. */
export function RequestInspector({ record, spec, index, onClose }: { record: ResultRecord; spec: TrafficSpec; index: EventIndex; onClose: () => void }) {
  const columns = inspectResult(record, spec, index);
  return (
    <section aria-label={`What each hop saw of request ${record.seq + 1}`} className="mt-4" data-testid="inspector">
      <div className="flex items-center justify-between">
        <h4 className="font-semibold">
          Request {record.seq + 1} of run {record.run} — what each hop saw
        </h4>
        <button type="button" onClick={onClose} className="h-9 rounded-md border border-slate-300 px-3 text-sm dark:border-slate-600">
          Close
        </button>
      </div>
      <div className="mt-2 grid gap-3 md:grid-cols-2 xl:grid-cols-4">
        {columns.map((c) => (
          <div key={c.hop} data-testid={`hop-${c.hop}`} className={`min-w-0 rounded-lg border-t-4 bg-slate-50 p-3 dark:bg-slate-900 ${hopStyle[c.hop]}`}>
            <h5 className="text-sm font-semibold">{c.title}</h5>
            {c.subtitle && <p className="text-xs text-slate-600 dark:text-slate-400">{c.subtitle}</p>}
            {c.absent ? (
              <p className="mt-2 text-sm italic text-slate-700 dark:text-slate-300">{c.absent}</p>
            ) : (
              <dl className="mt-2 space-y-1.5 text-xs">
                {c.fields.map((f) => (
                  <div key={f.label} data-field={f.label}>
                    <dt className="font-semibold text-slate-700 dark:text-slate-300">{f.label}</dt>
                    <dd className={`whitespace-pre-wrap break-words font-mono ${f.tone === "hidden" ? "italic text-slate-600 dark:text-slate-400" : ""}`}>{f.value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
