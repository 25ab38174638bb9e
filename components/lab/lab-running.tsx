"use client";

import { useCallback, useMemo } from "react";
import type { TrafficSpecInput } from "@/engine/api/schema";
import { trafficSpecSchema } from "@/engine/api/schema";
import { TrafficComposer } from "./composer/traffic-composer";
import { ConfigPanel } from "./config-panel";
import { LabDiagram } from "./diagram/lab-diagram";
import { FaultsPanel } from "./faults-panel";
import { RequestsPanel } from "./inspector/requests-panel";
import { LabTabs } from "./lab-tabs";
import { useLabLive, useRuns } from "./live/lab-live-context";
import { ResultsPanel } from "./results/results-panel";
import type { ClientScenario } from "./scenario-types";
import { labApi, LabApiError, type StartedLabView } from "./session/lab-api";
import { useEventStream, type StreamStatus } from "./session/use-event-stream";
import { useStatePoll } from "./session/use-state-poll";
import { StepsPanel, type StepBodies } from "./steps/steps-panel";
import { useStepProgress } from "./steps/use-step-progress";

const streamText: Record<StreamStatus, string> = { connecting: "connecting to live events…", live: "live events connected", reconnecting: "live events lost — reconnecting…" };

interface Props {
  scenario: ClientScenario;
  bodies: Record<string, StepBodies>;
  started: StartedLabView;
  onRestart: () => void;
  onGone: () => void;
}

/** A ready lab: stream, counters, steps, diagram and the tabs (traffic, requests, results, faults, config). */
export function LabRunning({ scenario, bodies, started, onRestart, onGone }: Props) {
  const { store, spec } = useLabLive();
  const labId = started.lab.id;
  const runs = useRuns();
  const running = runs.some((r) => r.status === "running");
  const layers = useMemo(() => new Map(spec.listeners.map((l) => [l.name, l.layer])), [spec]);
  const refresh = useStatePoll(labId, store, layers, running);
  // The engine's state carries no event-id watermark, so a snapshot taken while events are still
  // on their way would count them twice: settle first, then take the exact counters.
  const settleThenRefresh = useCallback(() => void setTimeout(refresh, 800), [refresh]);
  const stream = useEventStream(labId, store, settleThenRefresh, onGone);
  const progress = useStepProgress(scenario);
  const step = scenario.steps[progress.current];

  const run = useCallback(
    (input: TrafficSpecInput) => {
      const key = crypto.randomUUID();
      store.addRun({ key, stepId: progress.currentStepId, spec: trafficSpecSchema.parse(input), status: "running", startedAt: Date.now(), seen: 0, response: null, error: null });
      labApi
        .traffic(labId, input)
        .then((response) => store.updateRun(key, { status: "done", response }))
        .catch((err: unknown) => {
          store.updateRun(key, { status: "failed", error: err instanceof LabApiError ? err.message : "The run failed." });
          if (err instanceof LabApiError && err.code === "LAB_NOT_FOUND") onGone();
        })
        .finally(settleThenRefresh);
    },
    [store, labId, progress.currentStepId, settleThenRefresh, onGone],
  );

  const listeners = spec.listeners.map((l) => ({ name: l.name, layer: l.layer, tls: l.tls }));
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="min-w-0">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm">
          <p role="status" data-testid="stream-status" data-status={stream} className="flex items-center gap-2">
            <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${stream === "live" ? "bg-emerald-600" : "bg-amber-500"}`} />
            Lab running · {streamText[stream]}
            {started.viewer === "anonymous" && <span className="text-slate-600 dark:text-slate-400">· signed out: smaller runs</span>}
          </p>
          <button type="button" onClick={onRestart} className="h-9 rounded-md border border-slate-300 px-3 dark:border-slate-600">
            Reset lab
          </button>
        </div>
        <LabDiagram labId={labId} />
      </div>
      <aside className="lg:row-span-2" aria-label="Scenario steps">
        <StepsPanel
          scenario={scenario}
          bodies={bodies}
          current={progress.current}
          steps={progress.steps}
          goTo={progress.goTo}
          predict={progress.predict}
          skip={progress.skip}
          onFault={(f) => labApi.fault(labId, f).then(settleThenRefresh)}
        />
      </aside>
      <div className="min-w-0">
        <LabTabs
          label="Lab tools"
          tabs={[
            {
              id: "traffic",
              label: "Traffic",
              render: () => (
                <TrafficComposer
                  key={step?.id}
                  listeners={listeners}
                  presets={scenario.presets}
                  stepPresets={step?.presets ?? []}
                  limits={started.limits}
                  running={running}
                  blocked={progress.blocked}
                  onSkipPrediction={() => progress.skip(progress.current)}
                  onRun={run}
                />
              ),
            },
            { id: "requests", label: "Requests", render: () => <RequestsPanel /> },
            { id: "results", label: "Results", render: () => <ResultsPanel /> },
            { id: "faults", label: "Faults", render: () => <FaultsPanel labId={labId} /> },
            { id: "config", label: "Real config", render: () => <ConfigPanel labId={labId} /> },
          ]}
        />
      </div>
    </div>
  );
}
