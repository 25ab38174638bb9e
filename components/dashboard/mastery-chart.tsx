"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Mastery } from "@/lib/progress/mastery";
import { ChartFigure } from "./chart-figure";
import { WrappedTick } from "./wrapped-tick";

// Colour is never the only cue: the legend, tooltip and table name each series.
const series = [
  { key: "known", label: "Known", color: "#059669" },
  { key: "learning", label: "Learning", color: "#d97706" },
  { key: "new", label: "Not seen yet", color: "#94a3b8" },
] as const;

/** Known / learning / new cards per group, as stacked horizontal bars. */
export function MasteryChart({ id, title, groups }: { id: string; title: string; groups: Mastery[] }) {
  const known = groups.reduce((n, g) => n + g.known, 0);
  const total = groups.reduce((n, g) => n + g.total, 0);
  const best = [...groups].sort((a, b) => b.percent - a.percent)[0];
  const summary = best && known > 0 ? `${known} of ${total} cards known; strongest: ${best.title} (${best.percent}%).` : `None of the ${total} cards is known yet.`;
  return (
    <ChartFigure
      id={id}
      title={title}
      summary={summary}
      table={{ columns: ["", "Known", "Learning", "Not seen", "Mastery"], rows: groups.map((g) => [g.title, g.known, g.learning, g.new, `${g.percent}%`]) }}
    >
      <ResponsiveContainer width="100%" height={Math.max(160, groups.length * 46 + 60)} initialDimension={{ width: 600, height: 300 }}>
        <BarChart data={groups} layout="vertical" margin={{ left: 4, right: 12, top: 4, bottom: 4 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="title" width={128} tick={<WrappedTick />} interval={0} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="cards" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
