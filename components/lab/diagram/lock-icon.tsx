/** A padlock: closed on encrypted hops, open where TLS ends. Decorative unless given a label. */
export function LockIcon({ open = false, label, className = "h-3.5 w-3.5" }: { open?: boolean; label?: string; className?: string }) {
  return (
    <svg viewBox="0 0 16 16" className={className} role={label ? "img" : undefined} aria-label={label} aria-hidden={label ? undefined : true} fill="none" stroke="currentColor" strokeWidth="1.6">
      <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" fillOpacity="0.15" />
      <path d={open ? "M5 7V5a3 3 0 0 1 5.8-1.1" : "M5 7V5a3 3 0 0 1 6 0v2"} strokeLinecap="round" />
    </svg>
  );
}
