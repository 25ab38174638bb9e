"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ScorePoint } from "@/lib/progress/dashboard-data";
import { ChartFigure } from "./chart-figure";

/** Percent correct per quiz round (first tries), oldest to newest. */
export function ScoreTrendChart({ points }: { points: ScorePoint[] }) {
  const data = points.map((p, i) => ({ ...p, n: i + 1, label: `${p.localDate.slice(5)} · ${p.title}` }));
  const first = points[0];
  const last = points.at(-1);
  const summary =
    first && last && points.length > 1
      ? `Last ${points.length} rounds: from ${first.percent}% to ${last.percent}% (latest: ${last.title}, ${last.score} of ${last.total}).`
      : last
        ? `One round so far: ${last.title}, ${last.score} of ${last.total} (${last.percent}%).`
        : "No quiz rounds yet.";
  return (
    <ChartFigure
      id="score-trend"
      title="Quiz score trend"
      summary={summary}
      table={{ columns: ["Date", "Quiz", "Score", "%"], rows: points.map((p) => [p.localDate, p.title, `${p.score} / ${p.total}`, `${p.percent}%`]) }}
    >
      <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 600, height: 240 }}>
        <LineChart data={data} margin={{ left: 0, right: 12, top: 8, bottom: 4 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="n" tick={{ fontSize: 12 }} allowDecimals={false} label={{ value: "round", position: "insideBottomRight", offset: -2, fontSize: 12 }} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} unit="%" width={44} tick={{ fontSize: 12 }} />
          <Tooltip labelFormatter={(_, payload) => String(payload?.[0]?.payload?.label ?? "")} formatter={(value) => [`${value}%`, "Score"]} />
          <Line type="monotone" dataKey="percent" name="Score" stroke="#0369a1" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
