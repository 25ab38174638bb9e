"use client";

import { useSyncExternalStore } from "react";

const tickMs = 30_000;

function subscribe(onTick: () => void): () => void {
  const timer = setInterval(onTick, tickMs);
  return () => clearInterval(timer);
}

/**
 * The current time rounded to 30 s, ticking so "in 2 minutes" stays true; null while rendering
 * on the server, because times are written in the learner's own zone and language.
 */
export function useClock(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => Math.floor(Date.now() / tickMs) * tickMs,
    () => null,
  );
}

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

export function relativeFrom(target: number, now: number): string {
  const diff = target - now;
  if (Math.abs(diff) < 60_000) return diff <= 0 ? "now" : "in under a minute";
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms || unit === "minute") return rtf.format(Math.round(diff / ms), unit);
  }
  return "now";
}

/** "in 10 minutes (Tue, Mar 3, 14:32)", with the exact instant in a <time> element. */
export function RelativeTime({ iso }: { iso: string }) {
  const now = useClock();
  if (now === null) return <time dateTime={iso}>{iso.slice(0, 16).replace("T", " ")} UTC</time>;
  const target = Date.parse(iso);
  const absolute = new Intl.DateTimeFormat(undefined, { weekday: "short", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }).format(target);
  return (
    <time dateTime={iso} title={absolute}>
      {relativeFrom(target, now)} ({absolute})
    </time>
  );
}
