// Reads and validates every scenario under content/labs/. Runs at build time (the lab pages are
// static) and in the unit tests; a bad scenario throws one ContentError naming the file, the
// field and the problem, which fails `next build` like any other broken content.
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { ContentError, type ContentProblem } from "@/lib/content/errors";
import { splitFrontmatter } from "@/lib/content/frontmatter";
import { scenarioFrontmatterSchema, type ScenarioFrontmatter } from "./scenario-schema";

export interface Scenario extends ScenarioFrontmatter {
  slug: string;
  /** MDX: the introduction shown above the lab. */
  body: string;
  file: string;
}

export interface ScenarioLoadOptions {
  /** Question-card slugs that exist, for `prediction.card` references (skipped when absent). */
  cards?: ReadonlySet<string>;
}

export const defaultLabsDir = path.join(process.cwd(), "content", "labs");

function zodProblems(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => ({ file, field: issue.path.length ? issue.path.join(".") : "(root)", message: issue.message }));
}

export function loadScenarios(dir: string = defaultLabsDir, options: ScenarioLoadOptions = {}): Scenario[] {
  if (!fs.existsSync(dir)) return [];
  const problems: ContentProblem[] = [];
  const out: Scenario[] = [];
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".mdx")).sort()) {
    const file = path.relative(process.cwd(), path.join(dir, name)) || name;
    const slug = name.replace(/\.mdx$/, "");
    const { data, body, error } = splitFrontmatter(fs.readFileSync(path.join(dir, name), "utf8"));
    if (error) {
      problems.push({ file, field: "frontmatter", message: error });
      continue;
    }
    const parsed = scenarioFrontmatterSchema.safeParse(data);
    if (!parsed.success) {
      problems.push(...zodProblems(file, parsed.error));
      continue;
    }
    if (body.trim().length < 200) problems.push({ file, field: "body", message: "the introduction is missing or too short (at least 200 characters)" });
    parsed.data.steps.forEach((step, i) => {
      const card = step.prediction?.card;
      if (card && options.cards && !options.cards.has(card))
        problems.push({ file, field: `steps.${i}.prediction.card`, message: `unknown question card "${card}"` });
    });
    out.push({ ...parsed.data, slug, body, file });
  }
  const orders = new Map<number, string>();
  for (const s of out) {
    const other = orders.get(s.order);
    if (other) problems.push({ file: s.file, field: "order", message: `order ${s.order} is also used by ${other}` });
    orders.set(s.order, s.file);
  }
  if (problems.length) throw new ContentError(problems);
  return out.sort((a, b) => a.order - b.order);
}
