"use client";

import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore } from "react";
import type { LabSpec } from "@/engine/api/schema";
import type { LiveStore, NodeLive, StoredRun } from "./live-store";
import type { EdgeRate, PulseAnimator } from "./pulse-animator";

export interface LabLive {
  store: LiveStore;
  animator: PulseAnimator;
  spec: LabSpec;
  colors: ReadonlyMap<string, string>;
}

export const LabLiveContext = createContext<LabLive | null>(null);

export function useLabLive(): LabLive {
  const live = useContext(LabLiveContext);
  if (!live) throw new Error("useLabLive needs a LabLiveContext provider");
  return live;
}

const emptyNode: NodeLive = { active: 0, total: 0, requests: 0, errors: 0, probes: 0, health: {}, fault: null };

/** One node's live counters; re-renders only when that node changes. */
export function useNodeLive(id: string): NodeLive {
  const { store } = useLabLive();
  const subscribe = useCallback((l: () => void) => store.subscribe(id, l), [store, id]);
  return useSyncExternalStore(subscribe, () => store.node(id) ?? emptyNode, () => emptyNode);
}

/** Whether `endpoint` is healthy in `cluster` (unknown counts as healthy until a check says otherwise). */
export function useHealth(cluster: string, endpoint: string): boolean {
  const { store } = useLabLive();
  const key = `health:${cluster}/${endpoint}`;
  const subscribe = useCallback((l: () => void) => store.subscribe(key, l), [store, key]);
  return useSyncExternalStore(subscribe, () => store.node(`endpoint:${endpoint}`)?.health[cluster] ?? true, () => true);
}

export function useEdgeRate(edgeId: string): EdgeRate {
  const { animator } = useLabLive();
  const subscribe = useCallback((l: () => void) => animator.subscribeRate(edgeId, l), [animator, edgeId]);
  return useSyncExternalStore(subscribe, () => animator.rate(edgeId), () => animator.rate(edgeId));
}

export function useRuns(): StoredRun[] {
  const { store } = useLabLive();
  const subscribe = useCallback((l: () => void) => store.subscribe("runs", l), [store]);
  return useSyncExternalStore(subscribe, () => store.runs, () => store.runs);
}

/** A counter that changes whenever `key` is notified ("events", "control", "run:<key>"). */
export function useStoreVersion(key: string): number {
  const { store } = useLabLive();
  const subscribe = useCallback((l: () => void) => store.subscribe(key, l), [store, key]);
  return useSyncExternalStore(subscribe, () => store.version(key), () => 0);
}

/**
 * Re-renders at most once per `ms` while any of `keys` changes (at the end of the quiet period
 * too). For consumers that rebuild something expensive from the whole event log — the step
 * check, the request list — and must not re-render the lab on every animation frame.
 */
export function useThrottledVersion(keys: readonly string[], ms: number): number {
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  useThrottledStoreEffect(keys, ms, bump);
  return version;
}

/**
 * Runs `run` (which may set state) at most once per `ms` while any of `keys` changes, and once
 * shortly after mounting. The subscription pattern keeps expensive rebuilds out of render and
 * out of every animation frame.
 */
export function useThrottledStoreEffect(keys: readonly string[], ms: number, run: () => void): void {
  const { store } = useLabLive();
  const joined = keys.join("|");
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = null;
        run();
      }, ms);
    };
    const unsubscribe = joined.split("|").map((k) => store.subscribe(k, schedule));
    schedule();
    return () => {
      unsubscribe.forEach((u) => u());
      if (timer) clearTimeout(timer);
    };
  }, [store, joined, ms, run]);
}
