import { TrackOverview } from "@/components/content/track-overview";
import { ButtonLink } from "@/components/ui/button-link";

const pillars = [
  {
    title: "Study",
    body: "Interview questions with the 30-second answer first and the deep dive one click away, plus long-form topic pages.",
  },
  {
    title: "Practise",
    body: "Quizzes whose every option explains itself, so a wrong answer still teaches you something.",
  },
  {
    title: "Experiment live",
    body: "Send real traffic through a real L4 (TCP) proxy and a real L7 (HTTP) proxy and see what each hop actually saw.",
  },
  {
    title: "Track progress",
    body: "Sign in to keep quiz history, mastery per topic and a spaced-review queue that brings cards back at the right time.",
  },
];

export default function HomePage() {
  return (
    <div className="space-y-14">
      <section className="pt-6">
        <p className="text-sm font-semibold uppercase tracking-wider text-brand-700 dark:text-brand-500">Interview prep for networking</p>
        <h1 className="mt-3 max-w-3xl text-4xl font-bold tracking-tight sm:text-5xl">
          L4 routes by address. L7 routes by content. <span className="text-brand-700 dark:text-brand-500">Watch both do it.</span>
        </h1>
        <p className="mt-5 max-w-2xl text-lg text-slate-600 dark:text-slate-300">
          LayerLab teaches the load-balancing questions interviewers love — starting with “what is the difference between an L4 and an
          L7 load balancer?” — and lets you prove every answer against real proxies running on the server.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <ButtonLink href="/learn">Start the L4 vs L7 track</ButtonLink>
          <ButtonLink href="/labs" variant="secondary">
            Open the live lab
          </ButtonLink>
        </div>
      </section>

      <section aria-labelledby="how-heading">
        <h2 id="how-heading" className="text-2xl font-semibold">
          How LayerLab works
        </h2>
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {pillars.map((p) => (
            <li key={p.title} className="rounded-xl border border-slate-200 p-5 dark:border-slate-800">
              <h3 className="font-semibold">{p.title}</h3>
              <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{p.body}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="tracks-heading">
        <h2 id="tracks-heading" className="mb-6 text-2xl font-semibold">
          Tracks
        </h2>
        <TrackOverview headingLevel={3} />
      </section>

      <section aria-labelledby="envelope-heading" className="rounded-xl bg-slate-50 p-6 dark:bg-slate-900">
        <h2 id="envelope-heading" className="text-xl font-semibold">
          The envelope and the letter
        </h2>
        <p className="mt-2 max-w-3xl text-slate-700 dark:text-slate-300">
          A layer 4 balancer reads only the envelope: source and destination addresses and ports. A layer 7 balancer opens the letter:
          method, path, Host, headers and cookies. Everything else — speed, TLS, stickiness, health checks — follows from that one
          difference.
        </p>
      </section>
    </div>
  );
}
