import { Handle, Position } from "@xyflow/react";
import type { ReactNode } from "react";

/** Common frame for diagram nodes: hidden connection handles left and right, a labelled box. */
export function NodeShell({ children, className, label, testId, vertical = false, inputs = true, outputs = true }: { children: ReactNode; className: string; label: string; testId: string; vertical?: boolean; inputs?: boolean; outputs?: boolean }) {
  return (
    <div role="group" aria-label={label} data-testid={testId} className={`w-[190px] rounded-lg border-2 bg-white px-3 py-2 text-xs text-slate-900 shadow-sm dark:bg-slate-900 dark:text-slate-100 ${className}`}>
      {inputs && <Handle type="target" position={vertical ? Position.Top : Position.Left} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-slate-400" />}
      {children}
      {outputs && <Handle type="source" position={vertical ? Position.Bottom : Position.Right} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-slate-400" />}
    </div>
  );
}

export function Stat({ label, value, testId }: { label: string; value: number | string; testId?: string }) {
  return (
    <span className="inline-flex items-baseline gap-1" data-testid={testId}>
      <span className="font-mono text-sm font-semibold tabular-nums">{value}</span>
      <span className="text-slate-600 dark:text-slate-400">{label}</span>
    </span>
  );
}
