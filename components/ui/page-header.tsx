import type { ReactNode } from "react";

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-8">
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      {children && <p className="mt-2 max-w-prose text-slate-600 dark:text-slate-300">{children}</p>}
    </div>
  );
}
