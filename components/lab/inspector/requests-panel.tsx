"use client";

import { useState } from "react";
import { useLabLive } from "../live/lab-live-context";
import { useRecords } from "../live/use-records";
import { RequestInspector } from "./request-inspector";

const PAGE = 50;

/** Every request of every run, newest run first; pick one to see what each hop saw. */
export function RequestsPanel() {
  const view = useRecords();
  const { colors } = useLabLive();
  const [selected, setSelected] = useState<string | null>(null);
  const [limit, setLimit] = useState(PAGE);
  if (!view || view.records.length === 0) return <p className="text-sm text-slate-700 dark:text-slate-300">No requests yet. Run some traffic, then pick a request here to see what each hop saw.</p>;
  const rows = [...view.records].reverse();
  const chosen = rows.find((r) => `${r.run}/${r.seq}` === selected);
  const chosenSpec = chosen ? view.specOf.get(chosen.run) : undefined;
  return (
    <div>
      <div className="max-h-72 overflow-auto rounded-lg border border-slate-200 dark:border-slate-800" tabIndex={0} role="region" aria-label="Requests">
        <table className="w-full text-left text-xs">
          <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
            <tr>
              <th className="px-2 py-1.5">Request</th>
              <th className="px-2 py-1.5">Listener</th>
              <th className="px-2 py-1.5">Path</th>
              <th className="px-2 py-1.5">Endpoint</th>
              <th className="px-2 py-1.5">Status</th>
              <th className="px-2 py-1.5 text-right">ms</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, limit).map((r) => {
              const key = `${r.run}/${r.seq}`;
              return (
                <tr key={key} className={`border-t border-slate-200 dark:border-slate-800 ${key === selected ? "bg-brand-50 dark:bg-slate-800" : ""}`}>
                  <td className="px-2 py-1">
                    <button type="button" onClick={() => setSelected(key)} aria-pressed={key === selected} className="min-h-8 font-semibold text-brand-700 underline dark:text-brand-100" aria-label={`Inspect request ${r.seq + 1} of run ${r.run}`}>
                      #{r.seq + 1}
                    </button>
                    <span className="ml-1 text-slate-600 dark:text-slate-400">{r.run.slice(4, 8)}</span>
                  </td>
                  <td className="px-2 py-1">
                    {r.listener} <span className="text-slate-600 dark:text-slate-400">{r.layer.toUpperCase()}</span>
                  </td>
                  <td className="px-2 py-1 font-mono">{r.protocol === "tcp" ? "(tcp)" : r.path}</td>
                  <td className="px-2 py-1">
                    {r.endpoint ? (
                      <span className="inline-flex items-center gap-1">
                        <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-full" style={{ background: colors.get(r.endpoint) ?? "#64748b" }} />
                        {r.endpoint}
                      </span>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className={`px-2 py-1 ${r.ok ? "" : "font-semibold text-red-700 dark:text-red-400"}`}>{r.error ?? r.status ?? "ok"}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{r.totalMs.toFixed(1)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > limit && (
        <button type="button" onClick={() => setLimit(limit + PAGE)} className="mt-2 text-sm underline">
          Show {Math.min(PAGE, rows.length - limit)} more of {rows.length - limit}
        </button>
      )}
      {chosen && chosenSpec && <RequestInspector record={chosen} spec={chosenSpec} index={view.index} onClose={() => setSelected(null)} />}
    </div>
  );
}
