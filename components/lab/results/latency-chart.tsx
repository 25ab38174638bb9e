"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Bin } from "@/lib/labs/histogram";

/** How long requests took (ms), successful ones only. */
export function LatencyChart({ bins }: { bins: Bin[] }) {
  const summary = bins.filter((b) => b.count > 0).map((b) => `${b.label} ms: ${b.count}`).join(", ");
  return (
    <figure className="min-w-0">
      <figcaption className="text-sm font-semibold">Latency histogram (ms)</figcaption>
      <div className="h-56" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bins} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 10 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={36} />
            <Tooltip />
            <Bar dataKey="count" fill="#0369a1" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="sr-only">{summary || "No successful requests."}</p>
    </figure>
  );
}
