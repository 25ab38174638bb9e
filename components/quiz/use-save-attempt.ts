"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useSessionSummary } from "@/components/auth/use-session-summary";
import { addLocalAttempt, loadLocalProgress, saveLocalProgress, type LocalAttempt } from "@/lib/progress/local-store";

export type SaveState =
  | { status: "idle" }
  | { status: "saving" }
  | { status: "saved-account" }
  | { status: "saved-browser"; reason: "signed-out" | "session-ended" }
  | { status: "error"; message: string };

interface Pending {
  attempt: LocalAttempt;
  graded: Array<{ card: string; correct: boolean }>;
}

function saveInBrowser({ attempt, graded }: Pending): boolean {
  try {
    saveLocalProgress(localStorage, addLocalAttempt(loadLocalProgress(localStorage), attempt, graded));
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves a finished attempt: to the account when signed in, otherwise to this browser (merged
 * into the account at the next sign-in). Waits for the session to be known before choosing.
 */
export function useSaveAttempt() {
  const { status: session } = useSessionSummary();
  const [state, setState] = useState<SaveState>({ status: "idle" });
  // A save requested while the session is still loading waits here for it.
  const pending = useRef<Pending | null>(null);
  const inFlight = useRef<string | null>(null);

  const run = useCallback(async (job: Pending, signedIn: boolean) => {
    if (inFlight.current === job.attempt.input.id) return;
    inFlight.current = job.attempt.input.id;
    try {
      if (!signedIn) {
        setState(saveInBrowser(job) ? { status: "saved-browser", reason: "signed-out" } : { status: "error", message: "This browser would not let us store your result (private mode or full storage)." });
        return;
      }
      setState({ status: "saving" });
      const res = await fetch("/api/quiz-attempts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(job.attempt.input) });
      if (res.ok) setState({ status: "saved-account" });
      else if (res.status === 401) setState(saveInBrowser(job) ? { status: "saved-browser", reason: "session-ended" } : { status: "error", message: "Your session ended and this browser could not keep the result." });
      else {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setState({ status: "error", message: body?.error?.message ?? `The server answered ${res.status}.` });
      }
    } catch {
      setState({ status: "error", message: "The server could not be reached. Check your connection." });
    } finally {
      inFlight.current = null;
    }
  }, []);

  useEffect(() => {
    const job = pending.current;
    if (!job || session === "loading") return;
    pending.current = null;
    void run(job, session === "signed-in");
  }, [session, run]);

  const save = useCallback(
    (attempt: LocalAttempt, graded: Pending["graded"]) => {
      setState({ status: "saving" });
      if (session === "loading") pending.current = { attempt, graded };
      else void run({ attempt, graded }, session === "signed-in");
    },
    [session, run],
  );

  return { state, save };
}
