// Completion hook: a finished step (and the prediction made for it) goes to the learner's account
// through the progress API (app/api/progress/scenarios, app/api/review/predictions) when signed
// in, or into this browser's progress store, which is merged into the account at sign-in.
import { addLocalPrediction, addLocalScenarioStep, loadLocalProgress, saveLocalProgress } from "@/lib/progress/local-store";

export interface StepCompletion {
  scenario: string;
  step: string;
  prediction: { correct: boolean; card?: string; predictedAt: string } | null;
}

const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

async function post(url: string, body: unknown): Promise<boolean> {
  try {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Returns where it was saved, for the step's status line. */
export async function recordStepCompletion(c: StepCompletion, signedIn: boolean): Promise<"account" | "browser" | "nowhere"> {
  const completedAt = new Date().toISOString();
  const step = { scenario: c.scenario, step: c.step, completedAt, timeZone: timeZone() };
  const prediction = c.prediction
    ? { id: crypto.randomUUID(), scenario: c.scenario, step: c.step, ...(c.prediction.card ? { card: c.prediction.card } : {}), correct: c.prediction.correct, predictedAt: c.prediction.predictedAt, timeZone: timeZone() }
    : null;
  if (signedIn) {
    const saved = await post("/api/progress/scenarios", step);
    if (prediction) await post("/api/review/predictions", prediction);
    if (saved) return "account";
  }
  try {
    let local = addLocalScenarioStep(loadLocalProgress(localStorage), step);
    if (prediction) local = addLocalPrediction(local, prediction);
    saveLocalProgress(localStorage, local);
    return "browser";
  } catch {
    return "nowhere";
  }
}
