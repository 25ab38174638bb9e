// The frontmatter of content/labs/<slug>.mdx: a lab spec (validated with the engine's own
// labSpecSchema, so a scenario that builds here is a lab the engine accepts), traffic presets and
// the steps. See content/labs/FORMAT.md for the writer's guide.
import { z } from "zod";
import { faultRequestSchema, labSpecSchema, trafficSpecSchema, type LabSpec } from "@/engine/api/schema";
import { difficultySchema, slugSchema } from "@/lib/content/schema";
import { checkSchema, type Assertion } from "./check-schema";

const markdown = (min: number) => z.string().trim().min(min, `write at least ${min} characters`);

export const choiceSchema = z
  .object({
    text: z.string().min(1),
    correct: z.boolean().default(false),
    /** Shown after the step is done: why this choice is right or wrong. */
    why: z.string().min(10, "every choice needs a why"),
  })
  .strict();

export const predictionSchema = z
  .object({
    question: z.string().min(10),
    /** The question card this prediction exercises: a wrong guess queues it for review. */
    card: slugSchema.optional(),
    choices: z.array(choiceSchema).min(2).max(5),
  })
  .strict()
  .refine((p) => p.choices.filter((c) => c.correct).length === 1, { message: "exactly one choice must be correct", path: ["choices"] });
export type Prediction = z.infer<typeof predictionSchema>;

export const presetSchema = z
  .object({
    id: slugSchema,
    label: z.string().min(3).max(60),
    traffic: trafficSpecSchema,
  })
  .strict();
export type Preset = z.infer<typeof presetSchema>;

export const stepSchema = z
  .object({
    id: slugSchema,
    title: z.string().min(3).max(80),
    /** Markdown: what to do in this step. */
    do: markdown(20),
    /** Preset ids offered in the composer during this step; the first is loaded. */
    presets: z.array(slugSchema).default([]),
    prediction: predictionSchema.optional(),
    /** One-click faults offered in this step (e.g. stop the sticky endpoint). */
    faults: z.array(faultRequestSchema).max(4).default([]),
    /**
     * The order of play (followed by the scenario test): faults first, then every preset; with
     * `baseline: true` the first preset also runs once before the faults, to see the healthy picture.
     */
    baseline: z.boolean().default(false),
    check: checkSchema,
    /** Markdown shown once the check passes: what the learner just saw and why. */
    explain: markdown(40),
  })
  .strict();
export type Step = z.infer<typeof stepSchema>;

const scenarioShape = z
  .object({
    title: z.string().min(5).max(80),
    summary: z.string().min(20).max(240),
    order: z.number().int().min(0),
    difficulty: difficultySchema,
    minutes: z.number().int().min(1).max(60),
    spec: labSpecSchema,
    presets: z.array(presetSchema).min(1).max(12),
    steps: z.array(stepSchema).min(1).max(8),
    /** One-line lessons shown when every step is done. */
    takeaways: z.array(z.string().min(10)).min(1).max(6),
  })
  .strict();

type Issue = (path: (string | number)[], message: string) => void;

/** Literal names in a filter condition: a value, a list, or `{ in, not }`. */
function namesIn(condition: unknown): string[] {
  if (typeof condition === "string") return [condition];
  if (Array.isArray(condition)) return condition.filter((c): c is string => typeof c === "string");
  if (condition && typeof condition === "object") {
    const c = condition as { in?: unknown; not?: unknown };
    return [...namesIn(c.in), ...namesIn(c.not)];
  }
  return [];
}

function checkNames(filter: Record<string, unknown>, spec: LabSpec, path: (string | number)[], issue: Issue) {
  const known: Record<string, Set<string>> = {
    listener: new Set(spec.listeners.map((l) => l.name)),
    via: new Set(spec.listeners.map((l) => l.name)),
    endpoint: new Set(spec.endpoints.map((e) => e.name)),
    fromEndpoint: new Set(spec.endpoints.map((e) => e.name)),
    cluster: new Set(spec.clusters.map((c) => c.name)),
  };
  for (const [field, condition] of Object.entries(filter)) {
    const names = known[field];
    if (!names) continue;
    for (const n of namesIn(condition)) if (!names.has(n)) issue([...path, field], `no ${field === "via" ? "listener" : field.replace("fromEndpoint", "endpoint")} called "${n}" in this scenario's spec`);
  }
}

function assertionFilters(a: Assertion): Array<[string, Record<string, unknown>]> {
  if ("every" in a) return [["every", a.every], ["expect", a.expect]];
  if ("some" in a) return [["some", a.some]];
  if ("none" in a) return [["none", a.none]];
  if ("distinct" in a) return [["distinct", a.distinct]];
  if ("event" in a) return [["where", a.where]];
  return [["compare.left.where", a.compare.left.where], ["compare.right.where", a.compare.right.where]];
}

export const scenarioFrontmatterSchema = scenarioShape.superRefine((s, ctx) => {
  const issue: Issue = (path, message) => ctx.addIssue({ code: "custom", path, message });
  const presetIds = new Set<string>();
  s.presets.forEach((p, i) => {
    if (presetIds.has(p.id)) issue(["presets", i, "id"], `duplicate preset id "${p.id}"`);
    presetIds.add(p.id);
    const listener = s.spec.listeners.find((l) => l.name === p.traffic.listener);
    if (!listener) return issue(["presets", i, "traffic", "listener"], `no listener called "${p.traffic.listener}" in this scenario's spec`);
    if (p.traffic.tls && listener.tls === "none") issue(["presets", i, "traffic", "tls"], `listener "${listener.name}" has no TLS; drop tls or change the listener`);
  });
  const stepIds = new Set<string>();
  s.steps.forEach((step, i) => {
    if (stepIds.has(step.id)) issue(["steps", i, "id"], `duplicate step id "${step.id}"`);
    stepIds.add(step.id);
    step.presets.forEach((id, j) => {
      if (!presetIds.has(id)) issue(["steps", i, "presets", j], `unknown preset "${id}"`);
    });
    step.faults.forEach((f, j) => {
      if (!s.spec.endpoints.some((e) => e.name === f.endpoint && e.kind !== "listener")) issue(["steps", i, "faults", j, "endpoint"], `no sandboxed endpoint called "${f.endpoint}" in this scenario's spec`);
    });
    step.check.all.forEach((a, j) => {
      for (const [key, filter] of assertionFilters(a)) checkNames(filter, s.spec, ["steps", i, "check", "all", j, ...key.split(".")], issue);
    });
  });
});
export type ScenarioFrontmatter = z.infer<typeof scenarioFrontmatterSchema>;
