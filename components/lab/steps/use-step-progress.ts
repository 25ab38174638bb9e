"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useSessionSummary } from "@/components/auth/use-session-summary";
import { buildRecords } from "@/lib/labs/build-records";
import { evaluateCheck, type CheckOutcome } from "@/lib/labs/evaluate-check";
import { indexEvents } from "@/lib/labs/event-index";
import { useLabLive, useThrottledStoreEffect } from "../live/lab-live-context";
import type { ClientScenario } from "../scenario-types";
import { recordStepCompletion } from "./record-progress";

export interface StepState {
  choice: number | null;
  skipped: boolean;
  predictedAt: string | null;
  startEventId: number;
  outcome: CheckOutcome | null;
  done: boolean;
  saved: "account" | "browser" | "nowhere" | null;
}

const fresh = (): StepState => ({ choice: null, skipped: false, predictedAt: null, startEventId: 0, outcome: null, done: false, saved: null });

/**
 * The learner's way through the steps: predictions, the check of the current step (re-evaluated
 * as runs finish and events arrive, at most every 300 ms), and recording a step when it passes.
 */
export function useStepProgress(scenario: ClientScenario) {
  const { store, spec } = useLabLive();
  const session = useSessionSummary();
  // `?step=<id>` opens the lab at that step (the quiz links its "predict, then run" items there).
  // This hook only runs in the browser, after the lab has started, so reading the URL is safe.
  const [current, setCurrent] = useState(() => Math.max(0, scenario.steps.findIndex((s) => s.id === new URLSearchParams(window.location.search).get("step"))));
  const [steps, setSteps] = useState<StepState[]>(() => scenario.steps.map(fresh));
  const recorded = useRef(new Set<string>());

  const patch = useCallback((i: number, p: Partial<StepState>) => setSteps((all) => all.map((s, j) => (j === i ? { ...s, ...p } : s))), []);

  const goTo = useCallback(
    (i: number) => {
      setCurrent(i);
      setSteps((all) => all.map((s, j) => (j === i && !s.done ? { ...s, startEventId: store.lastEventId } : s)));
    },
    [store],
  );

  const predict = useCallback((i: number, choice: number) => patch(i, { choice, predictedAt: new Date().toISOString() }), [patch]);
  const skip = useCallback((i: number) => patch(i, { skipped: true }), [patch]);
  const state = steps[current] ?? fresh();
  const step = scenario.steps[current];

  // Evaluated at most every 300 ms while events or runs arrive (never on every animation frame),
  // and only a changed outcome re-renders the steps panel. A passed step stays done.
  const evaluate = useCallback(() => {
    if (!step || state.done) return;
    const mine = store.runs.filter((r) => r.stepId === step.id && r.response).map((r) => ({ spec: r.spec, run: r.response! }));
    const records = buildRecords(mine, indexEvents(store.events), spec);
    const events = store.events.filter((e) => e.id > state.startEventId);
    const outcome = evaluateCheck(step.check, { results: records, events });
    setSteps((all) => all.map((s, j) => (j === current && !s.done && JSON.stringify(s.outcome) !== JSON.stringify(outcome) ? { ...s, outcome, done: outcome.passed } : s)));
  }, [step, state.done, state.startEventId, current, store, spec]);
  useThrottledStoreEffect(["events", "runs"], 300, evaluate);

  useEffect(() => {
    if (!step || !state.done || recorded.current.has(step.id) || session.status === "loading") return;
    recorded.current.add(step.id);
    const choice = state.choice !== null ? step.prediction?.choices[state.choice] : undefined;
    void recordStepCompletion(
      {
        scenario: scenario.slug,
        step: step.id,
        prediction: choice && state.predictedAt ? { correct: choice.correct, card: step.prediction?.card, predictedAt: state.predictedAt } : null,
      },
      session.status === "signed-in",
    ).then((saved) => patch(current, { saved }));
  }, [step, state.done, state.choice, state.predictedAt, session.status, scenario.slug, current, patch]);

  const blocked = step?.prediction && state.choice === null && !state.skipped ? "Make your prediction for this step first (or skip it)." : null;
  return { current, steps, goTo, predict, skip, blocked, currentStepId: step?.id ?? null };
}
