import Link from "next/link";
import type { SaveState } from "./use-save-attempt";

/** Tells the learner where their result went, and offers a retry when it went nowhere. */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  if (state.status === "error") {
    return (
      <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
        Your result was not saved. {state.message}{" "}
        <button type="button" onClick={onRetry} className="font-semibold underline">
          Try again
        </button>
      </div>
    );
  }
  const text =
    state.status === "saving"
      ? "Saving your result…"
      : state.status === "saved-account"
        ? "Saved to your account. Missed cards are now in your review queue."
        : state.status === "saved-browser"
          ? state.reason === "session-ended"
            ? "Your session ended, so the result is kept in this browser until you sign in again."
            : "Saved in this browser. Sign in and it moves into your account, nothing lost."
          : "";
  return (
    <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
      {text}
      {state.status === "saved-browser" && (
        <>
          {" "}
          <Link href="/signin?callbackUrl=%2Fdashboard" className="font-medium text-brand-700 underline dark:text-brand-500">
            Sign in
          </Link>
        </>
      )}
    </p>
  );
}
