import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ContentError } from "@/lib/content/errors";
import { loadContent } from "@/lib/content/load";
import { tableOfContents } from "@/lib/content/toc";
import { mdxToPlainText } from "@/lib/content/plain-text";

const realRoot = path.join(process.cwd(), "content");
let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "layerlab-content-"));
  fs.cpSync(realRoot, root, { recursive: true });
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function edit(relative: string, change: (text: string) => string) {
  const file = path.join(root, relative);
  fs.writeFileSync(file, change(fs.readFileSync(file, "utf8")));
}

function problems(): string {
  try {
    loadContent(root);
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    return (err as Error).message;
  }
  throw new Error("expected the content to be rejected");
}

describe("the real content tree", () => {
  it("validates and meets the first track's size", () => {
    const tree = loadContent(realRoot);
    expect(tree.questions.filter((q) => q.track === "l4-vs-l7").length).toBeGreaterThanOrEqual(30);
    expect(tree.questions.filter((q) => q.track === "cloud-networking").length).toBeGreaterThanOrEqual(12);
    expect(tree.topics.length).toBeGreaterThanOrEqual(6);
    expect(tree.quizzes.reduce((n, q) => n + q.items.length, 0)).toBeGreaterThanOrEqual(100);
  });

  it("gives every diagram a text alternative and points at a file that exists", () => {
    const tree = loadContent(realRoot);
    for (const doc of [...tree.questions, ...tree.topics]) {
      for (const match of doc.body.matchAll(/<Diagram\b[^>]*>/g)) {
        const tag = match[0];
        expect(tag, `${doc.file}: diagram without alt`).toMatch(/alt="[^"]{20,}"/);
        const src = /src="([^"]+)"/.exec(tag)?.[1];
        expect(src && fs.existsSync(path.join(process.cwd(), "public", src)), `${doc.file}: missing ${src}`).toBe(true);
      }
    }
  });
});

describe("broken content is rejected with the file, the field and the problem", () => {
  it("an unknown related slug", () => {
    edit("questions/l4-vs-l7-load-balancer.mdx", (t) => t.replace(/related: \[/, "related: [no-such-card, "));
    expect(problems()).toMatch(/content\/questions\/l4-vs-l7-load-balancer\.mdx: related\.0: unknown related slug "no-such-card"/);
  });

  // Card and topic slugs are file names, so the file system already keeps them unique; quiz
  // item ids are written by hand and can collide across banks.
  it("a duplicate quiz item id", () => {
    edit("quizzes/design.yaml", (t) => t.replace(/^(\s+- id: )(\S+)/m, "$1tcp-dup-id"));
    edit("quizzes/tls.yaml", (t) => t.replace(/^(\s+- id: )(\S+)/m, "$1tcp-dup-id"));
    expect(problems()).toMatch(/items\.0\.id: duplicate item id "tcp-dup-id"/);
  });

  it("an unknown tag", () => {
    edit("questions/nat-gateway.mdx", (t) => t.replace(/^tags: \[/m, "tags: [made-up-tag, "));
    expect(problems()).toMatch(/content\/questions\/nat-gateway\.mdx: tags\.0: unknown tag "made-up-tag"/);
  });

  it("a quiz item with no correct answer", () => {
    edit("quizzes/tls.yaml", (t) => t.replace(/correct: true/g, "correct: false"));
    expect(problems()).toMatch(/content\/quizzes\/tls\.yaml: items\.\d+\.options: a single-choice item needs exactly one correct option \(found 0\)/);
  });

  it("a quiz option without an explanation", () => {
    edit("quizzes/design.yaml", (t) => t.replace(/explanation:/, "explanationx:"));
    expect(problems()).toMatch(/content\/quizzes\/design\.yaml: items\.0\.options\.\d+/);
  });

  it("a scenario slug that does not exist once scenarios exist", () => {
    fs.mkdirSync(path.join(root, "labs"), { recursive: true });
    fs.writeFileSync(path.join(root, "labs", "only-this-one.mdx"), "---\ntitle: x\n---\n");
    edit("questions/path-based-routing.mdx", (t) => t.replace(/^scenario: .*$/m, "scenario: no-such-lab"));
    expect(problems()).toMatch(/content\/questions\/path-based-routing\.mdx: scenario: unknown scenario "no-such-lab"/);
  });

  it("a missing frontmatter field and malformed YAML", () => {
    edit("questions/tcp-vs-udp.mdx", (t) => t.replace(/^difficulty: .*\n/m, ""));
    edit("quizzes/connections.yaml", () => "title: [unclosed\n");
    const message = problems();
    expect(message).toMatch(/content\/questions\/tcp-vs-udp\.mdx: difficulty: /);
    expect(message).toMatch(/content\/quizzes\/connections\.yaml: \(file\): is not valid YAML/);
  });
});

describe("content helpers", () => {
  it("builds a table of contents with rehype-slug's ids, skipping code fences", () => {
    const body = "## Why it matters\n\n```nginx\n## not a heading\n```\n\n### The `ssl_preread` trick\n\n## Why it matters\n";
    expect(tableOfContents(body)).toEqual([
      { depth: 2, text: "Why it matters", id: "why-it-matters" },
      { depth: 3, text: "The ssl_preread trick", id: "the-ssl_preread-trick" },
      { depth: 2, text: "Why it matters", id: "why-it-matters-1" },
    ]);
  });

  it("reduces MDX to searchable words", () => {
    expect(mdxToPlainText('## Title\n\n<Callout type="pitfall">Use **cookies** at \\{L7\\}.</Callout>\n\n```nginx\nlisten 80;\n```')).toBe(
      "Title Use cookies at {L7}.",
    );
  });
});
