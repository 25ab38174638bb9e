"use client";

import type { PlayerItem } from "@/lib/progress/quiz-items";

interface ChoiceOptionsProps {
  item: PlayerItem;
  selected: number[];
  onChange: (selected: number[]) => void;
  /** After checking: inputs lock and each option shows whether it was right. */
  revealed: boolean;
}

/** Radios for single, true/false and prediction items; checkboxes for multiple choice. Native inputs keep arrow keys, Space and Enter working. */
export function ChoiceOptions({ item, selected, onChange, revealed }: ChoiceOptionsProps) {
  const multiple = item.type === "multiple";
  const name = `answer-${item.id}`;
  return (
    <ul className="space-y-2">
      {item.options.map((option, i) => {
        const chosen = selected.includes(i);
        const tone = !revealed
          ? chosen
            ? "border-brand-600 bg-brand-50 dark:bg-slate-800"
            : "border-slate-300 hover:border-brand-500 dark:border-slate-600"
          : option.correct
            ? "border-emerald-600 bg-emerald-50 dark:border-emerald-500 dark:bg-emerald-950"
            : chosen
              ? "border-red-600 bg-red-50 dark:border-red-500 dark:bg-red-950"
              : "border-slate-200 opacity-80 dark:border-slate-700";
        return (
          <li key={i}>
            <label className={`flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border-2 px-3 py-2.5 ${tone} ${revealed ? "cursor-default" : ""}`}>
              <input
                type={multiple ? "checkbox" : "radio"}
                name={name}
                value={i}
                checked={chosen}
                disabled={revealed}
                onChange={() => onChange(multiple ? (chosen ? selected.filter((s) => s !== i) : [...selected, i].sort((a, b) => a - b)) : [i])}
                className="mt-1 h-4 w-4 shrink-0 accent-brand-700"
              />
              <span className="flex-1">
                {option.text}
                {revealed && (option.correct || chosen) && (
                  <span className={`ml-2 inline-block text-sm font-semibold ${option.correct ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}>
                    {option.correct ? (chosen ? "✓ Your answer, correct" : "✓ Correct answer") : "✗ Your answer"}
                  </span>
                )}
              </span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
