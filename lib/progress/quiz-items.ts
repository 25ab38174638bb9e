// What the quiz player plays. Bank items come from content/quizzes (lib/content/schema.ts);
// "predict, then run" items are proposed here because they need lab scenarios (content/labs)
// that do not exist yet. When scenarios land, `predictItemSchema` can join the content
// schema's discriminated union unchanged and the player, scoring and progress already cope.
import { z } from "zod";
import { slugSchema, type QuizItem } from "@/lib/content/schema";

const predictOptionSchema = z
  .object({ text: z.string().min(1), correct: z.boolean().default(false), explanation: z.string().min(10) })
  .strict();

/**
 * A prediction about a lab scenario: the learner picks what they expect to happen (graded like a
 * single-choice item against the option the author verified in the lab), then runs `scenario`
 * (optionally at `step`) to see the real result.
 */
export const predictItemSchema = z
  .object({
    id: slugSchema,
    type: z.literal("predict"),
    prompt: z.string().min(10),
    card: slugSchema,
    scenario: slugSchema,
    step: slugSchema.optional(),
    options: z.array(predictOptionSchema).min(2).max(6),
  })
  .strict()
  .refine((item) => item.options.filter((o) => o.correct).length === 1, {
    message: "a prediction needs exactly one correct option (the outcome the lab shows)",
    path: ["options"],
  });
export type PredictItem = z.infer<typeof predictItemSchema>;

export type PlayableItem = QuizItem | PredictItem;
export type ItemType = PlayableItem["type"];

/** The serialisable item the browser receives: the bank item plus what the player shows around it. */
export interface PlayerItem {
  id: string;
  type: ItemType;
  prompt: string;
  card: string;
  cardTitle: string;
  options: Array<{ text: string; correct: boolean; explanation: string }>;
  /** Ordering items only: the scrambled order the list starts in (indices into `options`). */
  startOrder?: number[];
  /** The lab scenario to run, when the item or its card links one that exists. */
  scenario?: { slug: string; step?: string; href: string };
}

export const itemTypeLabels: Record<ItemType, string> = {
  single: "Choose one",
  multiple: "Select all that apply",
  "true-false": "True or false",
  ordering: "Put the steps in order",
  predict: "Predict, then run",
};
