import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ContentError } from "@/lib/content/errors";
import { loadContent } from "@/lib/content/load";
import { loadScenarios } from "@/lib/labs/load";

const labsDir = path.join(process.cwd(), "content", "labs");
const draftsDir = path.join(labsDir, "drafts");
/** The slugs cards and deep dives already link to (issue 5's twelve scenarios). */
const required = ["envelope-vs-letter", "path-routing", "host-routing", "tls-modes", "sticky-sessions", "keep-alive-pinning", "health-check-mismatch", "retries", "websockets", "client-ip", "overhead", "two-tiers"];
const cards = new Set(loadContent().questions.map((q) => q.slug));

describe("the real scenarios", () => {
  const published = loadScenarios(labsDir, { cards });
  const drafts = loadScenarios(draftsDir, { cards });
  const all = [...published, ...drafts];

  it("validate (published and drafts) with the engine's lab spec schema", () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
  });

  it("give every step a prediction, a check and an explanation", () => {
    for (const s of all)
      for (const step of s.steps) {
        expect(step.prediction, `${s.file}: step ${step.id} has no prediction`).toBeDefined();
        expect(step.check.all.length).toBeGreaterThan(0);
      }
  });

  it("include the twelve the cards and deep dives link to, all published", () => {
    expect(published.map((s) => s.slug)).toEqual(expect.arrayContaining(required));
    const tree = loadContent();
    for (const slug of required) {
      const linked = tree.questions.some((q) => q.scenario === slug) || tree.topics.some((t) => t.scenarios.includes(slug));
      expect(linked, `nothing links to ${slug}`).toBe(true);
    }
  });
});

describe("a broken scenario fails with the file, the field and the problem", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "layerlab-labs-"));
    fs.copyFileSync(path.join(labsDir, "path-routing.mdx"), path.join(dir, "path-routing.mdx"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const edit = (change: (t: string) => string) => {
    const file = path.join(dir, "path-routing.mdx");
    fs.writeFileSync(file, change(fs.readFileSync(file, "utf8")));
  };
  const problems = (): string => {
    try {
      loadScenarios(dir, { cards });
    } catch (err) {
      expect(err).toBeInstanceOf(ContentError);
      return (err as Error).message;
    }
    throw new Error("expected the scenario to be rejected");
  };

  it("a spec the engine would refuse (unknown cluster)", () => {
    edit((t) => t.replace("cluster: everyone\npresets", "cluster: nobody\npresets"));
    expect(problems()).toMatch(/path-routing\.mdx: spec\.listeners\.1\.cluster: unknown cluster "nobody"/);
  });
  it("a preset aimed at a listener that does not exist", () => {
    edit((t) => t.replace("traffic: { listener: edge-l4,", "traffic: { listener: edge-l5,"));
    expect(problems()).toMatch(/presets\.1\.traffic\.listener: no listener called "edge-l5"/);
  });
  it("a check naming an unknown field or endpoint", () => {
    edit((t) => t.replace("proxySawPath: null }\n          min: 8", "proxySawPth: null }\n          min: 8"));
    expect(problems()).toMatch(/steps\.1\.check\.all\.1\.expect\.proxySawPth: must be a result field/);
    edit((t) => t.replace("endpoint: [users-1, users-2] }", "endpoint: [users-1, users-9] }"));
    expect(problems()).toMatch(/steps\.1\.check\.all\.0\.some\.endpoint: no endpoint called "users-9"/);
  });
  it("a prediction with two right answers, or naming an unknown card", () => {
    edit((t) => t.replace("        - text: Any of the four endpoints, in round-robin order\n", "        - text: Any of the four endpoints, in round-robin order\n          correct: true\n"));
    expect(problems()).toMatch(/steps\.0\.prediction\.choices: exactly one choice must be correct/);
  });
  it("an unknown card", () => {
    edit((t) => t.replace("card: path-based-routing", "card: no-such-card"));
    expect(problems()).toMatch(/steps\.0\.prediction\.card: unknown question card "no-such-card"/);
  });
  it("a fault for an endpoint that does not exist", () => {
    edit((t) => t.replace("    presets: [unknown-path]\n", "    presets: [unknown-path]\n    faults: [{ endpoint: ghost, action: stop }]\n"));
    expect(problems()).toMatch(/steps\.2\.faults\.0\.endpoint: no sandboxed endpoint called "ghost"/);
  });
});
