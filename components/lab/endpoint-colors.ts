// One colour per endpoint, used for the moving dots, chart bars and legend swatches. Chosen to
// stay distinguishable for common colour-vision deficiencies and to keep ≥ 3:1 contrast on white
// and on slate-900; names are always shown next to colours, so colour is never the only cue.
import type { LabSpec } from "@/engine/api/schema";

const palette = ["#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#dc2626", "#65a30d", "#c026d3", "#ea580c", "#4f46e5", "#0d9488"];
export const tierColor = "#64748b";

export function endpointColors(spec: LabSpec): Map<string, string> {
  const out = new Map<string, string>();
  spec.endpoints.filter((e) => e.kind !== "listener").forEach((e, i) => out.set(e.name, palette[i % palette.length]!));
  return out;
}
