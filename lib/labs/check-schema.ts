// The check DSL: a small, declarative language a scenario uses to say what must be true of the
// real traffic results and engine events before a step counts as done. Plain data (zod-validated
// at build) so a writer never writes code, and the same check runs in the browser and in tests.
import { z } from "zod";
import { LAB_EVENT_TYPES } from "@/engine/api/schema";
import { resultFields } from "./result-record";

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One field's condition: a value (equality), a list (one of), or an operator object. */
export const conditionSchema = z.union([
  scalar,
  z.array(scalar).min(1),
  z
    .object({
      not: z.union([scalar, z.array(scalar).min(1)]).optional(),
      in: z.array(scalar).min(1).optional(),
      exists: z.boolean().optional(),
      startsWith: z.string().optional(),
      includes: z.string().optional(),
      gt: z.number().optional(),
      gte: z.number().optional(),
      lt: z.number().optional(),
      lte: z.number().optional(),
    })
    .strict()
    .refine((o) => Object.keys(o).length > 0, "an operator object needs at least one operator"),
]);
export type Condition = z.infer<typeof conditionSchema>;

/** Field paths: a result field, or `<map field>.<key>` for headers (e.g. endpointHeaders.x-forwarded-for). */
function isResultField(p: string): boolean {
  const [head, ...rest] = p.split(".");
  const kind = resultFields[head as keyof typeof resultFields];
  return kind !== undefined && (rest.length === 0 || kind === "map");
}
const fieldMessage = `must be a result field: ${Object.keys(resultFields).join(", ")} (map fields take .<key>)`;
const resultFieldPath = z.string().refine(isResultField, fieldMessage);

// Keys are checked in a refinement (not as a record key schema) so the problem names the key.
export const resultFilterSchema = z.record(z.string(), conditionSchema).superRefine((filter, ctx) => {
  for (const key of Object.keys(filter)) if (!isResultField(key)) ctx.addIssue({ code: "custom", path: [key], message: fieldMessage });
});
export type ResultFilter = z.infer<typeof resultFilterSchema>;

/** Event filters match any field of the engine event, with dotted paths (reason.kind). */
export const eventFilterSchema = z.record(z.string().regex(/^[a-zA-Z][\w.-]*$/), conditionSchema);

const count = z.number().int().min(0).max(100_000);
const scope = z.enum(["step", "last-run"]).default("step");
const statSchema = z.enum(["count", "p50", "p90", "p99", "mean", "max", "distinct-endpoints", "distinct-connections", "ok-rate"]);

export const assertionSchema = z.union([
  /** Every selected result satisfies `expect`, and at least `min` (default 1) were selected. */
  z.object({ every: resultFilterSchema, expect: resultFilterSchema, min: count.default(1), scope, say: z.string().optional() }).strict(),
  /** At least `min` results match (default 1); at most `max` when given. */
  z.object({ some: resultFilterSchema, min: count.default(1), max: count.optional(), scope, say: z.string().optional() }).strict(),
  /** No result matches. Pair it with a `some` so an empty run cannot pass. */
  z.object({ none: resultFilterSchema, scope, say: z.string().optional() }).strict(),
  /** Distinct values of `field` among the selected results, per `groupBy` group when given. */
  z
    .object({
      distinct: resultFilterSchema,
      field: resultFieldPath,
      groupBy: resultFieldPath.optional(),
      min: count.optional(),
      max: count.optional(),
      scope,
      say: z.string().optional(),
    })
    .strict()
    .refine((a) => a.min !== undefined || a.max !== undefined, "give min, max or both"),
  /** Engine events of `type` whose fields match `where`: at least `min` (default 1), at most `max`. */
  z
    .object({ event: z.enum(LAB_EVENT_TYPES), where: eventFilterSchema.default({}), min: count.default(1), max: count.optional(), say: z.string().optional() })
    .strict(),
  /** A statistic of two selections compared: left `op` right × factor. */
  z
    .object({
      compare: z
        .object({
          left: z.object({ where: resultFilterSchema, stat: statSchema }).strict(),
          op: z.enum([">", ">=", "<", "<=", "="]),
          right: z.object({ where: resultFilterSchema, stat: statSchema }).strict(),
          factor: z.number().positive().default(1),
        })
        .strict(),
      scope,
      say: z.string().optional(),
    })
    .strict(),
]);
export type Assertion = z.infer<typeof assertionSchema>;
export type Stat = z.infer<typeof statSchema>;

export const checkSchema = z
  .object({
    /** The sentence shown to the learner: what has to be true for this step to be done. */
    description: z.string().min(10),
    all: z.array(assertionSchema).min(1).max(12),
  })
  .strict();
export type Check = z.infer<typeof checkSchema>;
