import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Review" };

export default function ReviewPage() {
  return (
    <>
      <PageHeader title="Review">Cards come back here when they are due, so you revise just before you would forget.</PageHeader>
      <EmptyState title="Nothing is due" action={{ href: "/learn", label: "Browse the cards" }}>
        Your review queue is empty. Cards you study and quiz questions you miss will be scheduled here.
      </EmptyState>
    </>
  );
}
