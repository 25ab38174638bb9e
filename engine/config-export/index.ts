// GET /v1/labs/:id/config?format=nginx|haproxy — the running lab as a real proxy configuration,
// so a learner can compare the engine with the tools they will meet at work.
import type { LabSpec } from "../api/schema";
import { exportHaproxy } from "./haproxy";
import { exportNginx } from "./nginx";
import type { ExportOptions, ExportPorts } from "./topology";

export type ExportFormat = "nginx" | "haproxy";
export type { ExportOptions, ExportPorts } from "./topology";

export function exportConfig(spec: LabSpec, format: ExportFormat, ports: ExportPorts, options?: ExportOptions): string {
  return format === "nginx" ? exportNginx(spec, ports, options) : exportHaproxy(spec, ports, options);
}
