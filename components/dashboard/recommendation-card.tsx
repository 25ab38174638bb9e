import Link from "next/link";
import type { Recommendation } from "@/lib/progress/recommend";

const kindLabel: Record<Recommendation["kind"], string> = { review: "Review", card: "Next card", lab: "Next lab", quiz: "Practice" };

/** The single next step the dashboard suggests, with the reason. */
export function RecommendationCard({ next }: { next: Recommendation }) {
  return (
    <section aria-labelledby="next-step" className="rounded-xl border-2 border-brand-600 p-4">
      <h2 id="next-step" className="text-sm font-semibold tracking-wide text-brand-700 uppercase dark:text-brand-500">
        Recommended next · {kindLabel[next.kind]}
      </h2>
      <p className="mt-2 text-lg font-semibold">
        <Link href={next.href} className="underline decoration-brand-500 underline-offset-4 hover:text-brand-700 dark:hover:text-brand-100">
          {next.title}
        </Link>
      </p>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{next.reason}</p>
    </section>
  );
}
