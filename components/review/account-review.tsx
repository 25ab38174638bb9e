"use client";

import { useMemo } from "react";
import type { ReviewQueue } from "@/lib/progress/review-cards";
import { ReviewSession, type ReviewBackend } from "./review-session";

async function readError(res: Response): Promise<Error> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (res.status === 401) return new Error("Your session ended. Sign in again to keep reviewing.");
  return new Error(body?.error?.message ?? `The server answered ${res.status}.`);
}

/** Review for a signed-in learner: ratings go to the account. */
export function AccountReview({ initial }: { initial: ReviewQueue }) {
  const backend = useMemo<ReviewBackend>(
    () => ({
      async rate(input) {
        const res = await fetch("/api/review/ratings", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
        if (!res.ok) throw await readError(res);
        return ((await res.json()) as { rating: { due: string } }).rating;
      },
      async reload() {
        const res = await fetch("/api/review", { cache: "no-store" });
        if (!res.ok) throw await readError(res);
        return ((await res.json()) as { queue: ReviewQueue }).queue;
      },
    }),
    [],
  );
  return <ReviewSession initial={initial} backend={backend} />;
}
