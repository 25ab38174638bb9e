"use client";

import { useEffect, useState } from "react";

export interface SessionSummary {
  status: "loading" | "signed-in" | "signed-out";
  name: string | null;
  email: string | null;
}

// The header only needs "who is signed in". Reading next-auth's JSON endpoint directly keeps
// next-auth/react (and its provider) out of the JavaScript every page loads; the sign-in and
// sign-up pages still use it. One request per page load, shared by every caller.
let pending: Promise<SessionSummary> | null = null;

function fetchSummary(): Promise<SessionSummary> {
  pending ??= fetch("/api/auth/session", { credentials: "same-origin", cache: "no-store" })
    .then((r) => (r.ok ? r.json() : {}))
    .then((data: { user?: { name?: string | null; email?: string | null } }) =>
      data.user
        ? { status: "signed-in" as const, name: data.user.name ?? null, email: data.user.email ?? null }
        : { status: "signed-out" as const, name: null, email: null },
    )
    .catch(() => ({ status: "signed-out" as const, name: null, email: null }));
  return pending;
}

export function useSessionSummary(): SessionSummary {
  const [summary, setSummary] = useState<SessionSummary>({ status: "loading", name: null, email: null });
  useEffect(() => {
    let live = true;
    void fetchSummary().then((s) => live && setSummary(s));
    return () => {
      live = false;
    };
  }, []);
  return summary;
}

/** Signs out through next-auth's CSRF-protected endpoint, then reloads the home page. */
export async function signOutAndGoHome(): Promise<void> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  // A full load on purpose: every client component that read the session must start over.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign("/");
}
