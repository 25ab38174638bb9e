"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { labApi, LabApiError, type StartedLabView } from "./lab-api";

export type LabSession =
  | { status: "starting" }
  | { status: "ready"; started: StartedLabView }
  | { status: "error"; message: string }
  | { status: "ended"; reason: "idle" | "deleted" | "left" };

/** No pointer or key activity for this long ends the lab: it holds real sockets on the server. */
const IDLE_MS = 10 * 60_000;

/**
 * The lab's lifecycle: created when the page opens, deleted when the learner leaves (pagehide,
 * with a keepalive request that outlives the page), navigates away, or goes idle. Restored from
 * the back/forward cache, the page starts a fresh lab, since its old one was deleted on pagehide.
 */
export function useLabSession(scenario: string): { session: LabSession; restart: () => void; end: (reason: "idle" | "deleted") => void } {
  const [session, setSession] = useState<LabSession>({ status: "starting" });
  const [generation, setGeneration] = useState(0);
  const labId = useRef<string | null>(null);

  const release = useCallback(() => {
    if (labId.current) void labApi.remove(labId.current);
    labId.current = null;
  }, []);

  const restart = useCallback(() => {
    release();
    setSession({ status: "starting" });
    setGeneration((g) => g + 1);
  }, [release]);

  const end = useCallback(
    (reason: "idle" | "deleted") => {
      if (reason === "idle") release();
      else labId.current = null;
      setSession({ status: "ended", reason });
    },
    [release],
  );

  useEffect(() => {
    let live = true;
    labApi
      .start(scenario)
      .then((started) => {
        if (!live) return void labApi.remove(started.lab.id);
        labId.current = started.lab.id;
        setSession({ status: "ready", started });
      })
      .catch((err: unknown) => live && setSession({ status: "error", message: err instanceof LabApiError ? err.message : "The lab could not start." }));
    return () => {
      live = false;
      release();
    };
  }, [scenario, generation, release]);

  useEffect(() => {
    const onHide = () => {
      if (!labId.current) return;
      release();
      setSession({ status: "ended", reason: "left" });
    };
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) restart();
    };
    window.addEventListener("pagehide", onHide);
    window.addEventListener("pageshow", onShow);
    return () => {
      window.removeEventListener("pagehide", onHide);
      window.removeEventListener("pageshow", onShow);
    };
  }, [release, restart]);

  useEffect(() => {
    let timer = setTimeout(() => end("idle"), IDLE_MS);
    const active = () => {
      clearTimeout(timer);
      timer = setTimeout(() => end("idle"), IDLE_MS);
    };
    const events = ["pointerdown", "keydown", "wheel", "touchstart"] as const;
    events.forEach((e) => window.addEventListener(e, active, { passive: true }));
    return () => {
      clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, active));
    };
  }, [end, generation]);

  return { session, restart, end };
}
