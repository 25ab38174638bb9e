import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { currentUser } from "@/lib/auth/session";

// Reads the session or the environment on every request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=%2Fdashboard");
  return (
    <>
      <PageHeader title="Dashboard">Signed in as {user.name ?? user.email}.</PageHeader>
      <EmptyState title="No progress yet" action={{ href: "/learn", label: "Start learning" }}>
        Take a quiz or finish a lab step and your mastery per topic, score trend, streak and review queue will show up here.
      </EmptyState>
    </>
  );
}
