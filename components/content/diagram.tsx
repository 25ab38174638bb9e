/**
 * `<Diagram src="/diagrams/x.svg" alt="…" caption="…" />` in MDX. The SVG is drawn with
 * currentColor, so it is inlined through an <img> with a CSS filter in dark mode rather than
 * recoloured; the alt text carries the whole diagram for screen readers.
 */
export function Diagram({ src, alt, caption }: { src: string; alt: string; caption?: string }) {
  return (
    <figure className="my-8">
      {/* eslint-disable-next-line @next/next/no-img-element -- static SVG from public/, no optimisation needed */}
      <img src={src} alt={alt} loading="lazy" className="mx-auto w-full max-w-3xl rounded-lg bg-white p-3 dark:invert dark:hue-rotate-180 dark:bg-slate-100" />
      {caption && <figcaption className="mt-2 text-center text-sm text-slate-600 dark:text-slate-400">{caption}</figcaption>}
    </figure>
  );
}
