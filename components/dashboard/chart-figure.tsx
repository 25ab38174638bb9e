import type { ReactNode } from "react";

interface ChartFigureProps {
  id: string;
  title: string;
  /** One sentence with the headline numbers, read by screen readers in place of the drawing. */
  summary: string;
  /** The same numbers as a table, for anyone who would rather read them (or check them). */
  table: { columns: string[]; rows: Array<Array<string | number>> };
  children: ReactNode;
}

/** A titled chart card: the drawing is hidden from assistive tech; the summary and table carry its content. */
export function ChartFigure({ id, title, summary, table, children }: ChartFigureProps) {
  return (
    <figure aria-labelledby={`${id}-title`} className="rounded-xl border border-slate-200 p-4 dark:border-slate-700">
      <h2 id={`${id}-title`} className="font-semibold">
        {title}
      </h2>
      <figcaption className="mt-1 text-sm text-slate-600 dark:text-slate-300">{summary}</figcaption>
      <div className="mt-4" aria-hidden="true">
        {children}
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-brand-700 dark:text-brand-500">Show the numbers</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left">
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c} scope="col" className="border-b border-slate-200 py-1 pr-3 font-semibold dark:border-slate-700">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j} className="border-b border-slate-100 py-1 pr-3 dark:border-slate-800">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
