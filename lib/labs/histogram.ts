// Latency histogram bins with a "nice" width (1, 2 or 5 × 10^n ms), so axis labels read well.
export interface Bin {
  from: number;
  to: number;
  count: number;
  label: string;
}

function niceWidth(span: number, target: number): number {
  const raw = Math.max(span / target, 0.01);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return step * power;
}

const fmt = (n: number) => (n >= 10 ? String(Math.round(n)) : String(Number(n.toFixed(2))));

export function latencyHistogram(values: readonly number[], targetBins = 12): Bin[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const width = niceWidth(max - min, targetBins);
  const start = Math.floor(min / width) * width;
  const count = Math.max(1, Math.floor((max - start) / width) + 1);
  const bins: Bin[] = Array.from({ length: count }, (_, i) => {
    const from = start + i * width;
    return { from, to: from + width, count: 0, label: `${fmt(from)}–${fmt(from + width)}` };
  });
  for (const v of values) bins[Math.min(count - 1, Math.floor((v - start) / width))]!.count++;
  return bins;
}

export function percentiles(values: readonly number[]): { p50: number; p90: number; p99: number } | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  return { p50: at(50), p90: at(90), p99: at(99) };
}
