"use client";

import type { ReactNode } from "react";
import type { FaultRequest } from "@/engine/api/schema";
import type { ClientScenario } from "../scenario-types";
import { CheckList } from "./check-list";
import { PredictionPicker } from "./prediction-picker";
import { StepFaults } from "./step-faults";
import type { StepState } from "./use-step-progress";

export interface StepBodies {
  do: ReactNode;
  explain: ReactNode;
}

interface Props {
  scenario: ClientScenario;
  bodies: Record<string, StepBodies>;
  current: number;
  steps: StepState[];
  goTo: (i: number) => void;
  predict: (i: number, choice: number) => void;
  skip: (i: number) => void;
  onFault: (f: FaultRequest) => Promise<void>;
}

const savedText = { account: "Saved to your progress.", browser: "Saved in this browser; sign in to keep it in your account.", nowhere: "Could not be saved.", loading: "" };

/** The guided side of the lab: one step at a time — do, predict, run, check, explanation. */
export function StepsPanel({ scenario, bodies, current, steps, goTo, predict, skip, onFault }: Props) {
  const step = scenario.steps[current];
  const state = steps[current];
  if (!step || !state) return null;
  const allDone = steps.every((s) => s.done);
  return (
    <section aria-labelledby="step-title" className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <nav aria-label="Steps">
        <ol className="flex flex-wrap gap-2">
          {scenario.steps.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => goTo(i)}
                aria-current={i === current ? "step" : undefined}
                className={`h-9 min-w-9 rounded-full border px-3 text-sm font-semibold ${i === current ? "border-brand-700 bg-brand-700 text-white" : steps[i]?.done ? "border-emerald-700 text-emerald-800 dark:text-emerald-300" : "border-slate-300 dark:border-slate-600"}`}
              >
                <span className="sr-only">Step </span>
                {i + 1}
                {steps[i]?.done && <span aria-label=" (done)"> ✓</span>}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <h3 id="step-title" className="mt-4 text-lg font-semibold">
        Step {current + 1}: {step.title}
      </h3>
      <div className="text-sm">{bodies[step.id]?.do}</div>
      <StepFaults key={`faults-${step.id}`} faults={step.faults} onFault={onFault} />
      {step.prediction && <PredictionPicker key={`prediction-${step.id}`} prediction={step.prediction} choice={state.choice} skipped={state.skipped} done={state.done} onLock={(c) => predict(current, c)} onSkip={() => skip(current)} />}
      <CheckList description={step.check.description} outcome={state.outcome} />
      {state.done && (
        <div className="mt-4 rounded-lg border border-emerald-600 bg-emerald-50 p-3 dark:bg-emerald-950" data-testid="step-done">
          <p className="text-sm font-semibold text-emerald-900 dark:text-emerald-200">
            Step done. {state.saved ? savedText[state.saved] : ""}
          </p>
          <div className="mt-2 text-sm">{bodies[step.id]?.explain}</div>
          {current + 1 < scenario.steps.length && (
            <button type="button" onClick={() => goTo(current + 1)} className="mt-3 h-10 rounded-md bg-brand-700 px-3 text-sm font-semibold text-white hover:bg-brand-800">
              Next step
            </button>
          )}
        </div>
      )}
      {allDone && (
        <div className="mt-4 rounded-lg border border-brand-500 p-3">
          <h4 className="font-semibold">What to remember</h4>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {scenario.takeaways.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
