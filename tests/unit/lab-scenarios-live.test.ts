// Every scenario, played step by step against the real engine the way the lab UI plays it: each
// step's check must pass on the real results and events. A check that cannot pass (or passes for
// the wrong reason) is caught here rather than by a stuck learner.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScenarios } from "@/lib/labs/load";
import { EngineHarness, playScenario } from "./lab-engine-harness";

const labsDir = path.join(process.cwd(), "content", "labs");
const scenarios = [...loadScenarios(labsDir), ...loadScenarios(path.join(labsDir, "drafts"))];
let engine: EngineHarness;

beforeAll(async () => {
  engine = await EngineHarness.start();
}, 30_000);
afterAll(async () => engine?.stop());

describe("scenarios against the real engine", () => {
  it.each(scenarios.map((s) => [s.slug, s] as const))("%s: every step's check passes", async (_slug, scenario) => {
    const reports = await playScenario(engine, scenario);
    for (const r of reports) {
      const why = r.outcome.assertions.filter((a) => !a.passed).map((a) => `${a.label} — ${a.detail}`).join("; ");
      expect(r.outcome.passed, `${scenario.slug} / ${r.step}: ${why}`).toBe(true);
    }
  }, 60_000);
});
