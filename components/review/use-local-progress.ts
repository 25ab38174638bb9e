"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import { emptyLocalProgress, loadLocalProgress, localStorageKey, saveLocalProgress, type LocalProgress } from "@/lib/progress/local-store";

const changeEvent = "layerlab:local-progress";

function subscribe(onChange: () => void): () => void {
  // "storage" fires for writes in other tabs; our own writes announce themselves.
  window.addEventListener("storage", onChange);
  window.addEventListener(changeEvent, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(changeEvent, onChange);
  };
}

function readRaw(): string {
  try {
    return localStorage.getItem(localStorageKey) ?? "";
  } catch {
    return "";
  }
}

/** The signed-out learner's progress; null while rendering on the server (no localStorage there). */
export function useLocalProgress(): { progress: LocalProgress | null; update: (change: (p: LocalProgress) => LocalProgress) => void } {
  // The raw string is the snapshot: strings compare by value, so React re-renders only on change.
  const raw = useSyncExternalStore(subscribe, readRaw, () => null);
  const progress = useMemo(() => {
    if (raw === null) return null;
    if (raw === "") return emptyLocalProgress();
    return loadLocalProgress({ getItem: () => raw, setItem: (k, v) => localStorage.setItem(k, v) });
  }, [raw]);
  const update = useCallback((change: (p: LocalProgress) => LocalProgress) => {
    saveLocalProgress(localStorage, change(loadLocalProgress(localStorage)));
    window.dispatchEvent(new Event(changeEvent));
  }, []);
  return { progress, update };
}
