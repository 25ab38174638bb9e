"use client";

import { useId, useState } from "react";
import type { ClientScenario } from "../scenario-types";

type Prediction = NonNullable<ClientScenario["steps"][number]["prediction"]>;

/** Choose, then lock in, before running; once the step is done each choice's "why" appears. */
export function PredictionPicker({ prediction, choice, skipped, done, onLock, onSkip }: { prediction: Prediction; choice: number | null; skipped: boolean; done: boolean; onLock: (i: number) => void; onSkip: () => void }) {
  const [picked, setPicked] = useState<number | null>(choice);
  const name = useId();
  const locked = choice !== null;
  return (
    <fieldset className="mt-4 rounded-lg border border-slate-300 p-3 dark:border-slate-700">
      <legend className="px-1 text-sm font-semibold">Predict: {prediction.question}</legend>
      <div className="space-y-2">
        {prediction.choices.map((c, i) => {
          const mine = choice === i;
          const verdict = done && (c.correct ? "right" : mine ? "wrong" : null);
          return (
            <div key={c.text} className={`rounded-md border px-2 py-1.5 text-sm ${verdict === "right" ? "border-emerald-600 bg-emerald-50 dark:bg-emerald-950" : verdict === "wrong" ? "border-red-600 bg-red-50 dark:bg-red-950" : "border-slate-200 dark:border-slate-700"}`}>
              <label className="flex items-start gap-2">
                <input type="radio" name={name} className="mt-1" checked={(locked ? choice : picked) === i} disabled={locked || skipped} onChange={() => setPicked(i)} />
                <span>
                  {c.text}
                  {verdict === "right" && <strong className="ml-1 text-emerald-800 dark:text-emerald-300">(correct{mine ? ", your pick" : ""})</strong>}
                  {verdict === "wrong" && <strong className="ml-1 text-red-800 dark:text-red-300">(your pick)</strong>}
                </span>
              </label>
              {done && <p className="mt-1 pl-6 text-xs text-slate-700 dark:text-slate-300">{c.why}</p>}
            </div>
          );
        })}
      </div>
      {!locked && !skipped && (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <button type="button" disabled={picked === null} onClick={() => picked !== null && onLock(picked)} className="h-10 rounded-md bg-brand-700 px-3 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-50">
            Lock in prediction
          </button>
          <button type="button" onClick={onSkip} className="text-sm text-slate-700 underline dark:text-slate-300">
            Skip the prediction
          </button>
        </div>
      )}
      {locked && !done && <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">Locked in. Now run the traffic and see.</p>}
    </fieldset>
  );
}
