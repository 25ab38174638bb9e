"use client";

import { useEffect, useMemo } from "react";
import { endpointColors, tierColor } from "./endpoint-colors";
import { LabLiveContext, type LabLive } from "./live/lab-live-context";
import { LiveStore } from "./live/live-store";
import { PulseAnimator } from "./live/pulse-animator";
import { LabRunning } from "./lab-running";
import type { ClientScenario } from "./scenario-types";
import type { StepBodies } from "./steps/steps-panel";
import { useLabSession } from "./session/use-lab-session";

const endedText = {
  idle: "This lab was closed after 10 minutes without activity, to free its sockets on the server.",
  deleted: "This lab no longer exists on the engine (it was reclaimed or the engine restarted).",
  left: "This lab was closed when you left the page.",
};

/** The live lab: one engine lab per page visit, its live stores, and everything that uses them. */
export function LabWorkspace({ scenario, bodies }: { scenario: ClientScenario; bodies: Record<string, StepBodies> }) {
  const { session, restart, end } = useLabSession(scenario.slug);
  const labId = session.status === "ready" ? session.started.lab.id : null;

  const live = useMemo<LabLive | null>(() => {
    if (!labId) return null;
    const colors = endpointColors(scenario.spec);
    const inner = new Map(scenario.spec.endpoints.filter((e) => e.kind === "listener" && e.listener).map((e) => [e.name, e.listener!]));
    const animator = new PulseAnimator((endpoint) => (endpoint ? (colors.get(endpoint) ?? tierColor) : tierColor));
    return { store: new LiveStore(animator, inner), animator, spec: scenario.spec, colors };
  }, [labId, scenario.spec]);

  useEffect(() => {
    if (!live) return;
    const unwatch = live.store.onLabDeleted(() => end("deleted"));
    return () => {
      unwatch();
      live.store.dispose();
      live.animator.dispose();
    };
  }, [live, end]);

  if (session.status === "starting")
    return (
      <p role="status" className="rounded-xl border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
        Starting your lab: binding real listeners and endpoints on the server…
      </p>
    );
  if (session.status === "error" || session.status === "ended")
    return (
      <div role="alert" className="rounded-xl border border-amber-400 bg-amber-50 p-6 dark:bg-amber-950">
        <p>{session.status === "error" ? session.message : endedText[session.reason]}</p>
        <button type="button" onClick={restart} className="mt-3 h-11 rounded-md bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800">
          Start a fresh lab
        </button>
      </div>
    );
  if (!live) return null;
  return (
    <LabLiveContext.Provider value={live}>
      <LabRunning key={session.started.lab.id} scenario={scenario} bodies={bodies} started={session.started} onRestart={restart} onGone={() => end("deleted")} />
    </LabLiveContext.Provider>
  );
}
