"use client";

import { ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { CalendarCell } from "@/lib/progress/activity-calendar";
import { ChartFigure } from "./chart-figure";

const levelColors = ["#e2e8f0", "#bae6fd", "#38bdf8", "#0284c7", "#075985"] as const;
const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

interface CellShapeProps {
  cx?: number;
  cy?: number;
  payload?: CalendarCell;
}

function CellShape({ cx = 0, cy = 0, payload }: CellShapeProps) {
  if (!payload || payload.future) return <g />;
  // Empty days follow the theme; busier days keep one blue scale in both themes.
  if (payload.level === 0) return <rect x={cx - 7} y={cy - 7} width={14} height={14} rx={3} className="fill-slate-200 dark:fill-slate-700" />;
  return <rect x={cx - 7} y={cy - 7} width={14} height={14} rx={3} fill={levelColors[payload.level]} />;
}

/** The last 16 weeks as a contribution-style grid: one square per day, darker for busier days. */
export function ActivityCalendar({ cells, activeDays }: { cells: CalendarCell[]; activeDays: number }) {
  const active = cells.filter((c) => c.count > 0);
  const weeks = Math.max(1, ...cells.map((c) => c.week + 1));
  return (
    <ChartFigure
      id="activity"
      title="Activity"
      summary={`${activeDays} active ${activeDays === 1 ? "day" : "days"} in the last ${weeks} weeks.`}
      table={{ columns: ["Date", "Answers, reviews and lab steps"], rows: active.map((c) => [c.date, c.count]) }}
    >
      <div className="max-w-xl">
        <ResponsiveContainer width="100%" height={170} initialDimension={{ width: 500, height: 170 }}>
          <ScatterChart margin={{ left: 0, right: 8, top: 8, bottom: 8 }} accessibilityLayer={false}>
            <XAxis type="number" dataKey="week" domain={[-0.5, weeks - 0.5]} hide />
            <YAxis type="number" dataKey="weekday" domain={[-0.5, 6.5]} reversed ticks={[1, 3, 5]} tickFormatter={(d: number) => weekdays[d] ?? ""} width={34} tick={{ fontSize: 11 }} axisLine={false} tickLine={false} />
            <Tooltip cursor={false} content={({ payload }) => {
              const cell = payload?.[0]?.payload as CalendarCell | undefined;
              if (!cell || cell.future) return null;
              return <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs text-slate-900 shadow">{cell.date}: {cell.count} {cell.count === 1 ? "activity" : "activities"}</div>;
            }} />
            <Scatter data={cells} shape={<CellShape />} isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <p className="mt-1 flex items-center gap-1 text-xs text-slate-600 dark:text-slate-300">
        Less
        {levelColors.map((c, level) => (
          <span key={c} className={`inline-block h-3 w-3 rounded-sm ${level === 0 ? "bg-slate-200 dark:bg-slate-700" : ""}`} style={level === 0 ? undefined : { background: c }} />
        ))}
        More
      </p>
    </ChartFigure>
  );
}
