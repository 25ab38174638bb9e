import type { Metadata } from "next";
import { LocalProgressMerge } from "@/components/dashboard/local-progress-merge";
import { AccountReview } from "@/components/review/account-review";
import { LocalReview } from "@/components/review/local-review";
import { PageHeader } from "@/components/ui/page-header";
import { currentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { contentCatalog } from "@/lib/progress/content-catalog";
import { cardContent, readReviewQueue } from "@/lib/progress/review-queue";

// The queue depends on the learner and on the clock.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Review" };

async function AccountQueue({ userId }: { userId: string }) {
  const queue = await readReviewQueue(db(), userId, contentCatalog());
  // Keyed by what is due, so a refresh after merging browser progress starts a fresh session.
  return <AccountReview key={`${queue.queued}:${queue.due.map((c) => c.card).join(",")}`} initial={queue} />;
}

export default async function ReviewPage() {
  const user = await currentUser();
  const catalog = contentCatalog();
  return (
    <>
      <PageHeader title="Review">
        Cards come back here when they are due, so you revise just before you would forget. Read the question, answer it in your head, reveal the
        short answer, then rate yourself with <kbd className="rounded border px-1 font-mono text-xs">1</kbd>–<kbd className="rounded border px-1 font-mono text-xs">4</kbd>.
      </PageHeader>
      <LocalProgressMerge signedOutHint />
      {user ? (
        <AccountQueue userId={user.id} />
      ) : (
        <LocalReview cards={catalog.tree.questions.flatMap((q) => cardContent(catalog, q.slug) ?? [])} />
      )}
    </>
  );
}
