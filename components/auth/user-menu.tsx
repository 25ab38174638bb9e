"use client";

import Link from "next/link";
import { signOutAndGoHome, useSessionSummary } from "./use-session-summary";

/** Sign-in state in the header: a sign-in link, or the account with a sign-out button. */
export function UserMenu() {
  const session = useSessionSummary();
  if (session.status === "loading") {
    return <span className="h-9 w-20 animate-pulse rounded-md bg-slate-100 dark:bg-slate-800" aria-hidden="true" />;
  }
  if (session.status === "signed-out") {
    return (
      <Link href="/signin" className="inline-flex h-9 items-center rounded-md bg-brand-700 px-3 text-sm font-medium text-white hover:bg-brand-800">
        Sign in
      </Link>
    );
  }
  const label = session.name || session.email || "Account";
  return (
    <div className="flex items-center gap-2">
      <span className="hidden max-w-40 truncate text-sm text-slate-600 sm:inline dark:text-slate-300" title={label}>
        {label}
      </span>
      <button
        type="button"
        onClick={() => void signOutAndGoHome()}
        className="inline-flex h-9 items-center rounded-md border border-slate-200 px-3 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Sign out
      </button>
    </div>
  );
}
