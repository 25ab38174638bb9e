import type { Scenario } from "@/lib/labs/load";

/** What the browser gets of a scenario: everything but the markdown, which the server renders. */
export type ClientScenario = Pick<Scenario, "slug" | "title" | "spec" | "presets" | "takeaways"> & {
  steps: Array<Omit<Scenario["steps"][number], "do" | "explain">>;
};
