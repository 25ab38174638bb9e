import "server-only";
import type { LabCreated } from "@/engine/api/schema";
import { scenarioBySlug } from "@/lib/labs";
import { LabError } from "./errors";
import { forgetLab, labsToReclaim, registerLab } from "./lab-registry";
import { createLab, deleteLab } from "./labs";
import type { Viewer } from "./viewer";
import { admitLabCreation, viewerLimits, type ViewerLimits } from "./viewer-limits";

export interface StartedLab {
  lab: LabCreated;
  scenario: string;
  viewer: Viewer["kind"];
  limits: ViewerLimits;
}

/**
 * Builds the scenario's lab for this viewer. Only scenario specs are accepted: they were validated
 * at build, and a learner cannot make the engine build an arbitrary topology. Abandoned labs of
 * the same viewer are reclaimed first so a crashed tab never locks anyone out.
 */
export async function startScenarioLab(viewer: Viewer, slug: string, address: string): Promise<StartedLab> {
  const scenario = scenarioBySlug(slug);
  if (!scenario) throw new LabError("UNKNOWN_SCENARIO", `There is no lab scenario called "${slug}".`);
  admitLabCreation(viewer, address);
  const limits = viewerLimits[viewer.kind];
  const reclaim = labsToReclaim(viewer.owner, limits.labs);
  if (reclaim === null)
    throw new LabError("LAB_LIMIT", `You already have ${limits.labs} labs open in other tabs${viewer.kind === "anonymous" ? " (signed-in learners may open more)" : ""}. Close one and try again.`);
  for (const id of reclaim) await stopLab(viewer, id).catch(() => {});
  const lab = await createLab(scenario.spec, viewer.owner);
  registerLab(lab.id, viewer.owner);
  return { lab, scenario: slug, viewer: viewer.kind, limits };
}

export async function stopLab(viewer: Viewer, id: string): Promise<void> {
  try {
    await deleteLab(id, viewer.owner);
  } catch (err) {
    // Already gone (idle reclaim, engine restart): the learner wanted it gone anyway.
    if (!(err instanceof LabError && err.code === "LAB_NOT_FOUND")) throw err;
  } finally {
    forgetLab(id);
  }
}
