/** Splits a label into at most `maxLines` lines of about `width` characters, ending in "…" if cut. */
export function wrapLabel(label: string, width = 18, maxLines = 3): string[] {
  // "Sticky sessions: IP affinity at L4, …" → "Sticky sessions": the table keeps the full title.
  const short = label.split(":")[0]?.trim() || label;
  const lines: string[] = [];
  let line = "";
  for (const word of short.split(/\s+/)) {
    if (line && (line + " " + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
  return kept;
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

/** A recharts Y-axis tick that wraps long category names instead of letting them overlap. */
export function WrappedTick({ x = 0, y = 0, payload }: TickProps) {
  const lines = wrapLabel(String(payload?.value ?? ""));
  const lineHeight = 13;
  const top = Number(y) - ((lines.length - 1) * lineHeight) / 2;
  return (
    <text x={Number(x)} y={top} textAnchor="end" fontSize={12} fill="currentColor" className="fill-slate-600 dark:fill-slate-300">
      {lines.map((l, i) => (
        <tspan key={i} x={Number(x)} dy={i === 0 ? 4 : lineHeight}>
          {l}
        </tspan>
      ))}
    </text>
  );
}
