// Bridge from the control API to the config exporter (engine/config-export, the L7 half):
// `exportConfig(spec, format, ports)` renders the lab as a real nginx or HAProxy configuration.
import { exportConfig, type ExportFormat, type ExportPorts } from "../config-export/index";
import type { LabSpec } from "./schema";
import { EngineError } from "./errors";

export type { ExportFormat, ExportPorts };

export function exportLabConfig(spec: LabSpec, format: ExportFormat, ports: ExportPorts): string {
  try {
    return exportConfig(spec, format, ports);
  } catch (err) {
    console.error("[engine] config export failed:", err);
    throw new EngineError("export_failed", `could not render the ${format} configuration for this lab`, 500, "engine");
  }
}
