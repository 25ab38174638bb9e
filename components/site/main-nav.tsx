"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { navLinks } from "./nav-links";

function isActive(pathname: string, href: string) {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** Inline links on wide screens; a disclosure menu on phones. */
export function MainNav() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // Close the phone menu after navigation. Adjusting state while rendering is React's
  // recommended way to reset on a prop change (no effect, no extra render pass).
  const [lastPath, setLastPath] = useState(pathname);
  if (lastPath !== pathname) {
    setLastPath(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  const linkClass = (href: string) =>
    `rounded-md px-3 py-2 text-sm font-medium ${
      isActive(pathname, href)
        ? "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-brand-100"
        : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
    }`;

  return (
    <nav aria-label="Main" className="flex items-center">
      <ul className="hidden items-center gap-1 md:flex">
        {navLinks.map((l) => (
          <li key={l.href}>
            <Link href={l.href} className={linkClass(l.href)} aria-current={isActive(pathname, l.href) ? "page" : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="inline-flex h-9 items-center rounded-md border border-slate-200 px-3 text-sm md:hidden dark:border-slate-700"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => setOpen((v) => !v)}
      >
        Menu
      </button>
      {open && (
        <ul
          id="mobile-nav"
          className="absolute inset-x-0 top-14 z-40 flex flex-col gap-1 border-b border-slate-200 bg-white p-3 shadow-lg md:hidden dark:border-slate-800 dark:bg-slate-950"
        >
          {navLinks.map((l) => (
            <li key={l.href}>
              <Link href={l.href} className={`block ${linkClass(l.href)}`} aria-current={isActive(pathname, l.href) ? "page" : undefined}>
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
