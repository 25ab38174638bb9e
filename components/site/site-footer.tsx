export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-slate-200 py-8 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
      <div className="mx-auto max-w-6xl px-4">
        LayerLab — study load balancing by watching real L4 and L7 proxies work.
      </div>
    </footer>
  );
}
