// "Predict, then run" quiz items come straight from the lab scenarios (content/labs): every step
// prediction that names a question card becomes a quiz item about that card, so a prediction is
// written once, asked in the quiz, and answered for real by running the step in the lab.
import type { PredictItem } from "./quiz-items";

/** The part of a lab scenario (lib/labs) the quiz needs; structural, so tests can build one. */
export interface ScenarioPredictions {
  slug: string;
  title: string;
  steps: ReadonlyArray<{
    id: string;
    title: string;
    prediction?: { question: string; card?: string; choices: ReadonlyArray<{ text: string; correct: boolean; why: string }> };
  }>;
}

export function predictItemId(scenario: string, step: string): string {
  return `predict-${scenario}-${step}`;
}

export function predictItemsFrom(scenarios: readonly ScenarioPredictions[], cardExists: (slug: string) => boolean): PredictItem[] {
  return scenarios.flatMap((scenario) =>
    scenario.steps.flatMap((step): PredictItem[] => {
      const p = step.prediction;
      if (!p?.card || !cardExists(p.card)) return [];
      return [
        {
          id: predictItemId(scenario.slug, step.id),
          type: "predict",
          // The lab and step titles set the scene the question assumes.
          prompt: `In the “${scenario.title}” lab, step “${step.title}”: ${p.question}`,
          card: p.card,
          scenario: scenario.slug,
          step: step.id,
          options: p.choices.map((c) => ({ text: c.text, correct: c.correct, explanation: c.why })),
        },
      ];
    }),
  );
}
