// Reads and validates everything under content/. Used at build time (pages are static) and by
// the content tests; nothing here touches the database.
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { ContentError, type ContentProblem } from "./errors";
import { splitFrontmatter } from "./frontmatter";
import {
  categorySchema,
  questionFrontmatterSchema,
  quizBankSchema,
  tagSchema,
  topicFrontmatterSchema,
  trackSchema,
  type Category,
  type QuestionFrontmatter,
  type QuizBank,
  type Tag,
  type TopicFrontmatter,
  type Track,
} from "./schema";

export interface QuestionCard extends QuestionFrontmatter {
  slug: string;
  body: string;
  file: string;
}
export interface Topic extends TopicFrontmatter {
  slug: string;
  body: string;
  file: string;
}
export interface Quiz extends QuizBank {
  slug: string;
  file: string;
}
export interface ContentTree {
  tracks: Track[];
  categories: Category[];
  tags: Tag[];
  questions: QuestionCard[];
  topics: Topic[];
  quizzes: Quiz[];
  /** Scenario slugs found under content/labs (empty until scenarios exist). */
  scenarios: string[];
}

export const defaultContentDir = path.join(process.cwd(), "content");

function zodProblems(file: string, error: z.ZodError, prefix = ""): ContentProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: prefix + (issue.path.length ? issue.path.join(".") : "(root)"),
    message: issue.message,
  }));
}

function listFiles(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort();
}

function readYamlList<T>(root: string, name: string, schema: z.ZodType<T>, problems: ContentProblem[]): T[] {
  const file = `content/${name}`;
  const full = path.join(root, name);
  if (!fs.existsSync(full)) {
    problems.push({ file, field: "(file)", message: "is missing" });
    return [];
  }
  let data: unknown;
  try {
    data = parseYaml(fs.readFileSync(full, "utf8"));
  } catch (err) {
    problems.push({ file, field: "(file)", message: `is not valid YAML: ${(err as Error).message}` });
    return [];
  }
  if (!Array.isArray(data)) {
    problems.push({ file, field: "(root)", message: "must be a list" });
    return [];
  }
  const out: T[] = [];
  data.forEach((entry, i) => {
    const parsed = schema.safeParse(entry);
    if (parsed.success) out.push(parsed.data);
    else problems.push(...zodProblems(file, parsed.error, `[${i}].`));
  });
  return out;
}

function readMdxDir<F>(
  root: string,
  sub: string,
  schema: z.ZodType<F>,
  problems: ContentProblem[],
): Array<F & { slug: string; body: string; file: string }> {
  const out: Array<F & { slug: string; body: string; file: string }> = [];
  for (const name of listFiles(path.join(root, sub), ".mdx")) {
    const file = `content/${sub}/${name}`;
    const slug = name.replace(/\.mdx$/, "");
    const { data, body, error } = splitFrontmatter(fs.readFileSync(path.join(root, sub, name), "utf8"));
    if (error) {
      problems.push({ file, field: "frontmatter", message: error });
      continue;
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      problems.push(...zodProblems(file, parsed.error));
      continue;
    }
    if (body.trim().length < 200) problems.push({ file, field: "body", message: "the deep-dive body is missing or too short" });
    out.push({ ...parsed.data, slug, body, file });
  }
  return out;
}

function readQuizzes(root: string, problems: ContentProblem[]): Quiz[] {
  const out: Quiz[] = [];
  for (const name of listFiles(path.join(root, "quizzes"), ".yaml")) {
    const file = `content/quizzes/${name}`;
    let data: unknown;
    try {
      data = parseYaml(fs.readFileSync(path.join(root, "quizzes", name), "utf8"));
    } catch (err) {
      problems.push({ file, field: "(file)", message: `is not valid YAML: ${(err as Error).message}` });
      continue;
    }
    const parsed = quizBankSchema.safeParse(data);
    if (!parsed.success) {
      problems.push(...zodProblems(file, parsed.error));
      continue;
    }
    out.push({ ...parsed.data, slug: name.replace(/\.yaml$/, ""), file });
  }
  return out;
}

function listScenarios(root: string): string[] {
  const dir = path.join(root, "labs");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(mdx|json|yaml)$/.test(f))
    .map((f) => f.replace(/\.(mdx|json|yaml)$/, ""))
    .sort();
}

/** Cross-file checks: every reference resolves and no slug is used twice. */
function checkReferences(tree: ContentTree, problems: ContentProblem[]): void {
  const tracks = new Set(tree.tracks.map((t) => t.slug));
  const categories = new Map(tree.categories.map((c) => [c.slug, c]));
  const tags = new Set(tree.tags.map((t) => t.slug));
  const questions = new Set(tree.questions.map((q) => q.slug));
  const scenarios = new Set(tree.scenarios);
  const checkScenarios = tree.scenarios.length > 0;

  for (const c of tree.categories) {
    if (!tracks.has(c.track)) problems.push({ file: "content/categories.yaml", field: `${c.slug}.track`, message: `unknown track "${c.track}"` });
  }
  // Slugs are unique per kind: /questions/x and /topics/x are different pages.
  const checkUnique = (docs: { slug: string; file: string }[]) => {
    const seen = new Map<string, string>();
    for (const doc of docs) {
      const other = seen.get(doc.slug);
      if (other) problems.push({ file: doc.file, field: "slug", message: `duplicate slug "${doc.slug}" (also used by ${other})` });
      else seen.set(doc.slug, doc.file);
    }
  };
  checkUnique(tree.questions);
  checkUnique(tree.topics);
  checkUnique(tree.quizzes);

  const checkTags = (file: string, list: string[]) =>
    list.forEach((tag, i) => {
      if (!tags.has(tag)) problems.push({ file, field: `tags.${i}`, message: `unknown tag "${tag}" (add it to content/tags.yaml)` });
    });
  const checkRelated = (file: string, list: string[]) =>
    list.forEach((slug, i) => {
      if (!questions.has(slug)) problems.push({ file, field: `related.${i}`, message: `unknown related slug "${slug}"` });
    });

  for (const q of tree.questions) {
    if (!tracks.has(q.track)) problems.push({ file: q.file, field: "track", message: `unknown track "${q.track}"` });
    const category = categories.get(q.category);
    if (!category) problems.push({ file: q.file, field: "category", message: `unknown category "${q.category}"` });
    else if (category.track !== q.track)
      problems.push({ file: q.file, field: "category", message: `category "${q.category}" belongs to track "${category.track}", not "${q.track}"` });
    checkTags(q.file, q.tags);
    checkRelated(q.file, q.related);
    if (q.related.includes(q.slug)) problems.push({ file: q.file, field: "related", message: "a card cannot be related to itself" });
    if (q.scenario && checkScenarios && !scenarios.has(q.scenario))
      problems.push({ file: q.file, field: "scenario", message: `unknown scenario "${q.scenario}"` });
  }
  for (const t of tree.topics) {
    if (!tracks.has(t.track)) problems.push({ file: t.file, field: "track", message: `unknown track "${t.track}"` });
    checkTags(t.file, t.tags);
    checkRelated(t.file, t.related);
    if (checkScenarios)
      t.scenarios.forEach((s, i) => {
        if (!scenarios.has(s)) problems.push({ file: t.file, field: `scenarios.${i}`, message: `unknown scenario "${s}"` });
      });
  }
  const itemIds = new Map<string, string>();
  for (const quiz of tree.quizzes) {
    if (!tracks.has(quiz.track)) problems.push({ file: quiz.file, field: "track", message: `unknown track "${quiz.track}"` });
    if (quiz.category && !categories.has(quiz.category))
      problems.push({ file: quiz.file, field: "category", message: `unknown category "${quiz.category}"` });
    if (quiz.topic && !tree.topics.some((t) => t.slug === quiz.topic))
      problems.push({ file: quiz.file, field: "topic", message: `unknown topic "${quiz.topic}"` });
    quiz.items.forEach((item, i) => {
      if (!questions.has(item.card)) problems.push({ file: quiz.file, field: `items.${i}.card`, message: `unknown card "${item.card}"` });
      const other = itemIds.get(item.id);
      if (other) problems.push({ file: quiz.file, field: `items.${i}.id`, message: `duplicate item id "${item.id}" (also in ${other})` });
      else itemIds.set(item.id, quiz.file);
    });
  }
}

/** Loads and validates the whole tree; throws one ContentError listing every problem. */
export function loadContent(root: string = defaultContentDir): ContentTree {
  const problems: ContentProblem[] = [];
  const tree: ContentTree = {
    tracks: readYamlList(root, "tracks.yaml", trackSchema, problems),
    categories: readYamlList(root, "categories.yaml", categorySchema, problems),
    tags: readYamlList(root, "tags.yaml", tagSchema, problems),
    questions: readMdxDir(root, "questions", questionFrontmatterSchema, problems),
    topics: readMdxDir(root, "topics", topicFrontmatterSchema, problems),
    quizzes: readQuizzes(root, problems),
    scenarios: listScenarios(root),
  };
  checkReferences(tree, problems);
  if (problems.length) throw new ContentError(problems);
  tree.questions.sort((a, b) => a.category.localeCompare(b.category) || a.order - b.order || a.slug.localeCompare(b.slug));
  tree.topics.sort((a, b) => a.order - b.order);
  return tree;
}
