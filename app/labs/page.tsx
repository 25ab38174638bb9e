import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Labs" };

export default function LabsPage() {
  return (
    <>
      <PageHeader title="Live labs">Guided experiments that push real traffic through real L4 and L7 proxies.</PageHeader>
      <EmptyState title="No lab scenarios yet">
        The first scenarios — the same requests through an L4 and an L7 listener side by side, then path routing — will appear here.
      </EmptyState>
    </>
  );
}
