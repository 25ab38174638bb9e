"use client";

import { useState } from "react";
import type { FaultRequest } from "@/engine/api/schema";

export function faultLabel(f: FaultRequest): string {
  switch (f.action) {
    case "stop":
      return `Stop ${f.endpoint}`;
    case "start":
      return `Start ${f.endpoint}`;
    case "error":
      return `Make ${f.endpoint} answer ${f.status ?? 500}`;
    case "latency":
      return `Add ${f.latencyMs ?? 0} ms to ${f.endpoint}`;
    case "clear":
      return `Clear the faults on ${f.endpoint}`;
  }
}

/** The step's faults as one-click buttons (the Faults tab offers every fault by hand). */
export function StepFaults({ faults, onFault }: { faults: FaultRequest[]; onFault: (f: FaultRequest) => Promise<void> }) {
  const [state, setState] = useState<Record<number, "busy" | "done" | "failed">>({});
  if (faults.length === 0) return null;
  return (
    <div className="mt-3 flex flex-wrap gap-2" role="group" aria-label="Faults for this step">
      {faults.map((f, i) => (
        <button
          key={`${f.endpoint}-${f.action}-${i}`}
          type="button"
          disabled={state[i] === "busy"}
          onClick={() => {
            setState((s) => ({ ...s, [i]: "busy" }));
            onFault(f).then(
              () => setState((s) => ({ ...s, [i]: "done" })),
              () => setState((s) => ({ ...s, [i]: "failed" })),
            );
          }}
          className="min-h-10 rounded-md border border-red-700 px-3 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:opacity-50 dark:text-red-300 dark:hover:bg-red-950"
        >
          {faultLabel(f)}
          {state[i] === "done" && " ✓"}
          {state[i] === "failed" && " (failed, try the Faults tab)"}
        </button>
      ))}
    </div>
  );
}
