import Link from "next/link";
import type { ReactNode } from "react";

const styles = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  secondary:
    "border border-slate-300 text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800",
};

export function ButtonLink({ href, children, variant = "primary" }: { href: string; children: ReactNode; variant?: keyof typeof styles }) {
  return (
    <Link href={href} className={`inline-flex h-11 items-center justify-center rounded-md px-5 text-sm font-semibold ${styles[variant]}`}>
      {children}
    </Link>
  );
}
