import Link from "next/link";
import { content } from "@/lib/content";

/** Every track with its categories (and card counts) and its deep dives. */
export function TrackOverview({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { tracks, categories, questions, topics } = content();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="space-y-10">
      {tracks.map((track) => {
        const trackTopics = topics.filter((t) => t.track === track.slug);
        return (
          <section key={track.slug} aria-labelledby={`track-${track.slug}`}>
            <Heading id={`track-${track.slug}`} className="text-2xl font-semibold">
              {track.title}
            </Heading>
            <p className="mt-1 max-w-3xl text-slate-600 dark:text-slate-300">{track.summary}</p>
            <ul className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {categories
                .filter((c) => c.track === track.slug)
                .map((c) => {
                  const count = questions.filter((q) => q.category === c.slug).length;
                  return (
                    <li key={c.slug}>
                      <Link
                        href={`/categories/${c.slug}`}
                        className="block h-full rounded-xl border border-slate-200 p-4 hover:border-brand-500 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900"
                      >
                        <span className="font-medium">{c.title}</span>
                        <span className="ml-2 text-sm text-slate-600 dark:text-slate-400">
                          {count} question{count === 1 ? "" : "s"}
                        </span>
                        <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">{c.summary}</span>
                      </Link>
                    </li>
                  );
                })}
            </ul>
            {trackTopics.length > 0 && (
              <div className="mt-5">
                <p className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Deep dives</p>
                <ul className="mt-2 grid gap-2 sm:grid-cols-2">
                  {trackTopics.map((t) => (
                    <li key={t.slug}>
                      <Link href={`/topics/${t.slug}`} className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-100">
                        {t.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
