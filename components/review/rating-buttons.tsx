"use client";

import { useEffect } from "react";
import { ratingLabels, type RatingValue } from "@/lib/progress/fsrs-scheduler";
import { relativeFrom } from "./relative-time";

const ratings: RatingValue[] = [1, 2, 3, 4];
const tones: Record<RatingValue, string> = {
  1: "border-red-600 text-red-800 hover:bg-red-50 dark:border-red-500 dark:text-red-200 dark:hover:bg-red-950",
  2: "border-amber-600 text-amber-900 hover:bg-amber-50 dark:border-amber-500 dark:text-amber-200 dark:hover:bg-amber-950",
  3: "border-emerald-600 text-emerald-900 hover:bg-emerald-50 dark:border-emerald-500 dark:text-emerald-200 dark:hover:bg-emerald-950",
  4: "border-brand-600 text-brand-800 hover:bg-brand-50 dark:border-brand-500 dark:text-brand-100 dark:hover:bg-slate-800",
};

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** Again / Hard / Good / Easy, each showing when the card would come back; keys 1–4 press them. */
export function RatingButtons({ preview, now, disabled, onRate }: { preview: Record<RatingValue, Date>; now: number; disabled: boolean; onRate: (r: RatingValue) => void }) {
  useEffect(() => {
    if (disabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || e.altKey || e.ctrlKey || e.metaKey || typingInto(e.target)) return;
      const r = Number(e.key);
      if (r >= 1 && r <= 4) {
        e.preventDefault();
        onRate(r as RatingValue);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [disabled, onRate]);

  return (
    <div role="group" aria-label="How well did you remember it?">
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-300">How well did you remember it? Press 1–4 or choose:</p>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {ratings.map((r) => (
          <button
            key={r}
            type="button"
            disabled={disabled}
            aria-keyshortcuts={String(r)}
            onClick={() => onRate(r)}
            className={`flex min-h-14 flex-col items-center justify-center rounded-lg border-2 px-2 py-2 font-semibold disabled:opacity-50 ${tones[r]}`}
          >
            <span>
              <kbd className="mr-1 rounded border border-current px-1 font-mono text-xs">{r}</kbd>
              {ratingLabels[r]}
            </span>
            <span className="text-xs font-normal">{relativeFrom(preview[r].getTime(), now)}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
