// The shape of every file under content/. Types are inferred from these schemas so the pages,
// the search index and the validator can never disagree about a field.
import { z } from "zod";

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens");

export const difficultySchema = z.enum(["beginner", "intermediate", "senior"]);
export type Difficulty = z.infer<typeof difficultySchema>;

export const trackSchema = z.object({
  slug: slugSchema,
  title: z.string().min(3),
  summary: z.string().min(10),
});
export type Track = z.infer<typeof trackSchema>;

export const categorySchema = z.object({
  slug: slugSchema,
  track: slugSchema,
  title: z.string().min(3),
  summary: z.string().min(10),
});
export type Category = z.infer<typeof categorySchema>;

export const tagSchema = z.object({ slug: slugSchema, title: z.string().min(1) });
export type Tag = z.infer<typeof tagSchema>;

/** Frontmatter of content/questions/<slug>.mdx; the MDX body is the deep dive. */
export const questionFrontmatterSchema = z
  .object({
    title: z.string().min(10).refine((t) => t.trim().endsWith("?") || /^(Design|Explain|Walk|Describe|Compare)\b/.test(t), {
      message: "must be phrased as the interview question (end with '?' or start with Design/Explain/Walk/Describe/Compare)",
    }),
    track: slugSchema,
    category: slugSchema,
    tags: z.array(slugSchema).min(1),
    difficulty: difficultySchema,
    order: z.number().int().min(0),
    shortAnswer: z.string().min(40, "the short answer should be a few sentences").max(900, "the short answer should fit in 30 seconds (≤ 900 characters)"),
    pitfalls: z.array(z.string().min(10)).min(1),
    related: z.array(slugSchema).default([]),
    scenario: slugSchema.optional(),
  })
  .strict();
export type QuestionFrontmatter = z.infer<typeof questionFrontmatterSchema>;

/** Frontmatter of content/topics/<slug>.mdx (deep dives). */
export const topicFrontmatterSchema = z
  .object({
    title: z.string().min(5),
    summary: z.string().min(20),
    track: slugSchema,
    tags: z.array(slugSchema).min(1),
    order: z.number().int().min(0),
    related: z.array(slugSchema).default([]),
    scenarios: z.array(slugSchema).default([]),
  })
  .strict();
export type TopicFrontmatter = z.infer<typeof topicFrontmatterSchema>;

const optionSchema = z
  .object({
    text: z.string().min(1),
    correct: z.boolean().default(false),
    explanation: z.string().min(10, "every option needs an explanation"),
  })
  .strict();

const itemBase = {
  id: slugSchema,
  prompt: z.string().min(10),
  card: slugSchema,
};

/**
 * Quiz items. For `ordering`, `options` are listed in the correct order and each explanation
 * says why that step sits where it does; the player shuffles them.
 */
export const quizItemSchema = z
  .discriminatedUnion("type", [
    z.object({ ...itemBase, type: z.literal("single"), options: z.array(optionSchema).min(2).max(6) }).strict(),
    z.object({ ...itemBase, type: z.literal("multiple"), options: z.array(optionSchema).min(3).max(7) }).strict(),
    z.object({ ...itemBase, type: z.literal("true-false"), options: z.array(optionSchema).length(2) }).strict(),
    z.object({ ...itemBase, type: z.literal("ordering"), options: z.array(optionSchema).min(3).max(7) }).strict(),
  ])
  .superRefine((item, ctx) => {
    const correct = item.options.filter((o) => o.correct).length;
    if (item.type === "single" && correct !== 1) {
      ctx.addIssue({ code: "custom", path: ["options"], message: `a single-choice item needs exactly one correct option (found ${correct})` });
    }
    if (item.type === "multiple" && correct < 1) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "a multiple-choice item needs at least one correct option" });
    }
    if (item.type === "true-false") {
      const texts = item.options.map((o) => o.text);
      if (texts[0] !== "True" || texts[1] !== "False") {
        ctx.addIssue({ code: "custom", path: ["options"], message: 'a true/false item has exactly the options "True" then "False"' });
      }
      if (correct !== 1) ctx.addIssue({ code: "custom", path: ["options"], message: "a true/false item needs exactly one correct option" });
    }
    if (item.type === "ordering" && correct !== 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "ordering items take their answer from the listed order; do not mark options correct" });
    }
  });
export type QuizItem = z.infer<typeof quizItemSchema>;

/** content/quizzes/<slug>.yaml */
export const quizBankSchema = z
  .object({
    title: z.string().min(3),
    summary: z.string().min(10),
    track: slugSchema,
    category: slugSchema.optional(),
    topic: slugSchema.optional(),
    items: z.array(quizItemSchema).min(1),
  })
  .strict();
export type QuizBank = z.infer<typeof quizBankSchema>;
