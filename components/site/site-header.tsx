import Link from "next/link";
import { UserMenu } from "@/components/auth/user-menu";
import { SearchLauncher } from "@/components/search/search-launcher";
import { MainNav } from "./main-nav";
import { ThemeToggle } from "./theme-toggle";

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <div className="relative mx-auto flex h-14 max-w-6xl items-center justify-between gap-3 px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden="true" className="inline-flex h-7 w-7 items-center justify-center rounded-md bg-brand-700 text-xs font-bold text-white">
            LL
          </span>
          <span>LayerLab</span>
        </Link>
        <div className="flex items-center gap-2">
          <MainNav />
          <SearchLauncher />
          <ThemeToggle />
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
