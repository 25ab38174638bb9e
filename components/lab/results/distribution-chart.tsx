"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Requests per endpoint, bars in each endpoint's colour. The chart is hidden from assistive tech (and kept out of the tab order); the table below is its text version. */
export function DistributionChart({ data }: { data: Array<{ name: string; count: number; color: string }> }) {
  return (
    <figure className="min-w-0">
      <figcaption className="text-sm font-semibold">Requests per endpoint</figcaption>
      <div className="h-56" data-testid="distribution-chart" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={36} />
            <Tooltip />
            <Bar dataKey="count" isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.name} fill={d.color} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="mt-1 w-full text-xs">
        <caption className="sr-only">Requests per endpoint</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.name}>
              <th scope="row" className="text-left font-normal">
                {d.name}
              </th>
              <td className="text-right tabular-nums" data-testid={`dist-${d.name}`}>
                {d.count}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
