"use client";

import { useCallback, useState } from "react";
import type { TrafficSpec } from "@/engine/api/schema";
import { buildRecords } from "@/lib/labs/build-records";
import { indexEvents, type EventIndex } from "@/lib/labs/event-index";
import type { ResultRecord } from "@/lib/labs/result-record";
import { useLabLive, useThrottledStoreEffect } from "./lab-live-context";

export interface RecordsView {
  records: ResultRecord[];
  index: EventIndex;
  specOf: Map<string, TrafficSpec>;
}

/**
 * Every finished run's results joined with the events, rebuilt at most twice a second: events
 * for a run keep arriving after its results (two paths: the run's HTTP answer and the stream).
 * Nothing is rebuilt while no new events or runs arrive.
 */
export function useRecords(): RecordsView | null {
  const { store, spec } = useLabLive();
  const [view, setView] = useState<RecordsView | null>(null);
  const rebuild = useCallback(() => {
    const done = store.runs.filter((r) => r.response);
    const index = indexEvents(store.events);
    setView({
      records: buildRecords(done.map((r) => ({ spec: r.spec, run: r.response! })), index, spec),
      index,
      specOf: new Map(done.map((r) => [r.response!.runId, r.spec])),
    });
  }, [store, spec]);
  useThrottledStoreEffect(["events", "runs"], 500, rebuild);
  return view;
}
