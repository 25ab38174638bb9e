"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { useSessionSummary } from "@/components/auth/use-session-summary";
import { hasLocalEvents, loadLocalProgress, saveLocalProgress, toMergeInput, withoutMerged } from "@/lib/progress/local-store";
import type { MergeReport } from "@/lib/progress/merge-progress";

type MergeState = { status: "idle" } | { status: "merging" } | { status: "merged"; text: string } | { status: "error"; message: string };

// One merge at a time per page, even when React runs effects twice in development.
let running = false;

function emptyReport(): MergeReport {
  const zero = () => ({ stored: 0, alreadyThere: 0, skipped: 0 });
  return { attempts: zero(), ratings: zero(), predictions: zero(), scenarioSteps: zero() };
}

function addReport(total: MergeReport, more: MergeReport): void {
  for (const key of Object.keys(total) as Array<keyof MergeReport>) {
    total[key].stored += more[key].stored;
    total[key].alreadyThere += more[key].alreadyThere;
    total[key].skipped += more[key].skipped;
  }
}

function describe(report: MergeReport): string {
  const parts = [
    [report.attempts.stored, "quiz result"],
    [report.ratings.stored, "review"],
    [report.predictions.stored, "lab prediction"],
    [report.scenarioSteps.stored, "lab step"],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, word]) => `${n} ${word}${n === 1 ? "" : "s"}`);
  return parts.length ? `Moved ${parts.join(", ")} from this browser into your account.` : "Your account already had everything this browser kept.";
}

/**
 * Moves progress made while signed out (kept in localStorage) into the account once the learner
 * is signed in, then refreshes the page so server-drawn numbers include it. Signed out, it says
 * where results are going.
 */
export function LocalProgressMerge({ signedOutHint = false }: { signedOutHint?: boolean }) {
  const { status } = useSessionSummary();
  const router = useRouter();
  const [state, setState] = useState<MergeState>({ status: "idle" });

  const merge = useCallback(async () => {
    if (running) return;
    if (!hasLocalEvents(loadLocalProgress(localStorage))) return;
    running = true;
    setState({ status: "merging" });
    try {
      const total = emptyReport();
      // Oldest first, a batch at a time, until the browser holds nothing the account lacks.
      for (let batch = 0; batch < 50 && hasLocalEvents(loadLocalProgress(localStorage)); batch++) {
        const sent = toMergeInput(loadLocalProgress(localStorage));
        const res = await fetch("/api/progress/merge", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(sent) });
        const body = (await res.json().catch(() => null)) as { merged?: MergeReport; error?: { message?: string } } | null;
        if (!res.ok || !body?.merged) throw new Error(body?.error?.message ?? `The server answered ${res.status}.`);
        // Re-read: another tab may have added events while the request was in flight.
        saveLocalProgress(localStorage, withoutMerged(loadLocalProgress(localStorage), sent));
        addReport(total, body.merged);
      }
      setState({ status: "merged", text: describe(total) });
      router.refresh();
    } catch (err) {
      setState({ status: "error", message: err instanceof Error ? err.message : "The server could not be reached." });
    } finally {
      running = false;
    }
  }, [router]);

  useEffect(() => {
    if (status !== "signed-in") return;
    // Deferred a tick: React's development double-mount cancels the first timer, so one merge starts.
    const timer = setTimeout(() => void merge(), 0);
    return () => clearTimeout(timer);
  }, [status, merge]);

  if (status === "signed-out" && signedOutHint) {
    return (
      <p className="mb-6 rounded-md bg-brand-50 px-3 py-2 text-sm text-slate-800 dark:bg-slate-800 dark:text-slate-100">
        You are not signed in, so results stay in this browser.{" "}
        <Link href="/signin" className="font-medium text-brand-700 underline dark:text-brand-100">
          Sign in
        </Link>{" "}
        and they move into your account.
      </p>
    );
  }
  if (state.status === "error") {
    return (
      <div role="alert" className="mb-6 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
        Progress from this browser could not be moved into your account yet: {state.message} It is still kept here.{" "}
        <button type="button" onClick={() => void merge()} className="font-semibold underline">
          Try again
        </button>
      </div>
    );
  }
  return (
    <p role="status" className={state.status === "idle" ? "sr-only" : "mb-6 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"}>
      {state.status === "merging" ? "Moving progress from this browser into your account…" : state.status === "merged" ? state.text : ""}
    </p>
  );
}
