import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Learn" };

export default function LearnPage() {
  return (
    <>
      <PageHeader title="Learn">Question cards and deep dives, organised into tracks.</PageHeader>
      <EmptyState title="The L4 vs L7 track is on its way">
        The first track’s question cards and deep dives are being written. When they land, they will be listed here by category.
      </EmptyState>
    </>
  );
}
