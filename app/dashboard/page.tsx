import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ActivityCalendar } from "@/components/dashboard/activity-calendar";
import { LocalProgressMerge } from "@/components/dashboard/local-progress-merge";
import { MasteryChart } from "@/components/dashboard/mastery-chart";
import { RecommendationCard } from "@/components/dashboard/recommendation-card";
import { ScoreTrendChart } from "@/components/dashboard/score-trend-chart";
import { StatTiles } from "@/components/dashboard/stat-tiles";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { currentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { contentCatalog } from "@/lib/progress/content-catalog";
import { readDashboard } from "@/lib/progress/dashboard-data";

// Reads the session or the environment on every request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=%2Fdashboard");
  const data = await readDashboard(db(), user.id, contentCatalog());
  return (
    <>
      <PageHeader title="Dashboard">Signed in as {user.name ?? user.email}.</PageHeader>
      <LocalProgressMerge />
      {!data.hasProgress ? (
        <EmptyState title="No progress yet" action={{ href: "/quizzes", label: "Take a quiz" }}>
          Take a quiz or finish a lab step and your mastery per topic, score trend, streak and review queue will show up here.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <StatTiles data={data} />
          <RecommendationCard next={data.recommendation} />
          <div className="grid gap-6 lg:grid-cols-2">
            <MasteryChart id="mastery-category" title="Mastery by category" groups={data.categories} />
            {data.topics.length > 0 && <MasteryChart id="mastery-topic" title="Mastery by topic" groups={data.topics} />}
            {data.scoreTrend.length > 0 ? (
              <ScoreTrendChart points={data.scoreTrend} />
            ) : (
              <EmptyState title="No quiz rounds yet" action={{ href: "/quizzes", label: "Take a quiz" }}>
                Your score per round will be drawn here.
              </EmptyState>
            )}
            <ActivityCalendar cells={data.calendar} activeDays={data.activeDaysShown} />
          </div>
          <p className="text-xs text-slate-600 dark:text-slate-300">Days are counted in {data.timeZone}, the time zone of your latest activity.</p>
        </div>
      )}
    </>
  );
}
