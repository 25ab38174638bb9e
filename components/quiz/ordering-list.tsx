"use client";

import { useRef, useState } from "react";
import { positionsInPlace } from "@/lib/progress/scoring";
import type { PlayerItem } from "@/lib/progress/quiz-items";

interface OrderingListProps {
  item: PlayerItem;
  order: number[];
  onChange: (order: number[]) => void;
  revealed: boolean;
}

/**
 * Reordering with Move up / Move down buttons instead of drag and drop, so it works from the
 * keyboard, with a screen reader and on a phone. Focus follows the moved step, and a live
 * region says where it landed.
 */
export function OrderingList({ item, order, onChange, revealed }: OrderingListProps) {
  const [announcement, setAnnouncement] = useState("");
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const inPlace = positionsInPlace(order);

  function move(position: number, delta: -1 | 1) {
    const target = position + delta;
    const optionIndex = order[position];
    if (optionIndex === undefined || target < 0 || target >= order.length) return;
    const next = [...order];
    [next[position], next[target]] = [next[target] as number, optionIndex];
    onChange(next);
    setAnnouncement(`Moved “${item.options[optionIndex]?.text}” to position ${target + 1} of ${order.length}.`);
    // At the top or bottom the pressed button disables itself; keep focus on the step's other one.
    const atEdge = target === 0 || target === order.length - 1;
    const direction = atEdge ? (delta === -1 ? "down" : "up") : delta === -1 ? "up" : "down";
    requestAnimationFrame(() => buttons.current.get(`${optionIndex}-${direction}`)?.focus());
  }

  const buttonClass =
    "inline-flex h-11 w-11 items-center justify-center rounded-md border border-slate-300 text-lg hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:hover:bg-slate-800";
  return (
    <div>
      <ol className="space-y-2">
        {order.map((optionIndex, position) => {
          const text = item.options[optionIndex]?.text ?? "";
          const tone = !revealed
            ? "border-slate-300 dark:border-slate-600"
            : inPlace[position]
              ? "border-emerald-600 bg-emerald-50 dark:border-emerald-500 dark:bg-emerald-950"
              : "border-red-600 bg-red-50 dark:border-red-500 dark:bg-red-950";
          return (
            <li key={optionIndex} className={`flex items-center gap-2 rounded-lg border-2 px-3 py-2 ${tone}`}>
              <span className="w-6 shrink-0 text-right font-mono text-sm text-slate-600 dark:text-slate-300" aria-hidden="true">
                {position + 1}.
              </span>
              <span className="flex-1">
                {text}
                {revealed && (
                  <span className={`ml-2 text-sm font-semibold ${inPlace[position] ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}>
                    {inPlace[position] ? "✓ in place" : `✗ belongs at ${optionIndex + 1}`}
                  </span>
                )}
              </span>
              {!revealed && (
                <span className="flex shrink-0 gap-1">
                  <button
                    type="button"
                    ref={(el) => void buttons.current.set(`${optionIndex}-up`, el)}
                    className={buttonClass}
                    disabled={position === 0}
                    onClick={() => move(position, -1)}
                    aria-label={`Move “${text}” up`}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    ref={(el) => void buttons.current.set(`${optionIndex}-down`, el)}
                    className={buttonClass}
                    disabled={position === order.length - 1}
                    onClick={() => move(position, 1)}
                    aria-label={`Move “${text}” down`}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
