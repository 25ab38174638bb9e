import type { Difficulty } from "@/lib/content/schema";

const styles: Record<Difficulty, string> = {
  beginner: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100",
  intermediate: "bg-sky-100 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100",
  senior: "bg-violet-100 text-violet-900 dark:bg-violet-900/50 dark:text-violet-100",
};

export function DifficultyBadge({ difficulty }: { difficulty: Difficulty }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-semibold capitalize ${styles[difficulty]}`}>{difficulty}</span>;
}
