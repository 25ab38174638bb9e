import type { Metadata } from "next";
import { TrackOverview } from "@/components/content/track-overview";
import { PageHeader } from "@/components/ui/page-header";
import { content } from "@/lib/content";

export const metadata: Metadata = { title: "Learn" };

export default function LearnPage() {
  const { questions, topics } = content();
  return (
    <>
      <PageHeader title="Learn">
        {questions.length} interview questions and {topics.length} deep dives. Each question gives the 30-second answer first; the deep
        dive is one click away. Press <kbd className="rounded border px-1 font-mono text-xs">/</kbd> to search.
      </PageHeader>
      <TrackOverview />
    </>
  );
}
