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

/**
 * zod issues → problems. A union (an assertion of the check DSL) reports the branch that got
 * furthest instead of "Invalid input", so a typo in `expect:` is named as such.
 */
function zodProblems(file: string, error: z.ZodError): ContentProblem[] {
  const out: ContentProblem[] = [];
  const walk = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]) => {
    for (const issue of issues) {
      const at = [...prefix, ...issue.path];
      if (issue.code === "invalid_union" && issue.errors.length > 0 && issue.errors.every((b) => b.length > 0)) {
        const depth = (b: readonly z.core.$ZodIssue[]) => Math.max(...b.map((i) => i.path.length));
        walk([...issue.errors].sort((a, b) => depth(b) - depth(a))[0]!, at);
        continue;
      }
      out.push({ file, field: at.length ? at.map(String).join(".") : "(root)", message: issue.message });
    }
  };
  walk(error.issues, []);
  return out;
}

// The directory is a parameter (tests, drafts), which Turbopack cannot trace statically; the
// hints stop it from tracing the whole project. Content is read from the working directory at
// build and by `next start`, as lib/content does.
export function loadScenarios(dir: string = defaultLabsDir, options: ScenarioLoadOptions = {}): Scenario[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) return [];
  const problems: ContentProblem[] = [];
  const out: Scenario[] = [];
  const label = dir === defaultLabsDir ? "content/labs" : dir;
  for (const name of fs.readdirSync(/*turbopackIgnore: true*/ dir).filter((f) => f.endsWith(".mdx")).sort()) {
    const file = `${label}/${name}`;
    const slug = name.replace(/\.mdx$/, "");
    const full = path.join(/*turbopackIgnore: true*/ dir, name);
    const { data, body, error } = splitFrontmatter(fs.readFileSync(/*turbopackIgnore: true*/ full, "utf8"));
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
