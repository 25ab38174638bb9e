import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Quizzes" };

export default function QuizzesPage() {
  return (
    <>
      <PageHeader title="Quizzes">Practise by category or mix everything together.</PageHeader>
      <EmptyState title="No quizzes yet" action={{ href: "/learn", label: "Study the cards first" }}>
        Quizzes open here once the first question banks are published.
      </EmptyState>
    </>
  );
}
