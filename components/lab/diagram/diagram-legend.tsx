"use client";

import { useLabLive } from "../live/lab-live-context";
import { LockIcon } from "./lock-icon";

/** Colour key and symbols, so the diagram never relies on colour alone. */
export function DiagramLegend() {
  const { colors } = useLabLive();
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-slate-200 px-3 py-2 text-xs text-slate-700 dark:border-slate-800 dark:text-slate-300">
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="inline-block h-3 w-5 rounded-sm border-2 border-l4 bg-amber-50" /> L4 listener
      </span>
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="inline-block h-3 w-5 rounded-sm border-2 border-l7 bg-violet-50" /> L7 listener
      </span>
      <span className="inline-flex items-center gap-1 text-emerald-800 dark:text-emerald-300">
        <LockIcon /> encrypted hop
      </span>
      <span className="inline-flex items-center gap-1 text-emerald-800 dark:text-emerald-300">
        <LockIcon open /> TLS ends
      </span>
      <span className="sr-only">Moving dots are requests, coloured by the endpoint that served them:</span>
      {[...colors].map(([name, color]) => (
        <span key={name} className="inline-flex items-center gap-1">
          <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-full" style={{ background: color }} />
          {name}
        </span>
      ))}
    </div>
  );
}
