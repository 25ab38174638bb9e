import GithubSlugger from "github-slugger";

export interface TocEntry {
  depth: 2 | 3;
  text: string;
  id: string;
}

/**
 * The `##`/`###` headings of an MDX body, with the ids rehype-slug will give them (both use
 * github-slugger in document order). Fenced code is skipped so `## ` inside a config example
 * never becomes an entry.
 */
export function tableOfContents(body: string): TocEntry[] {
  const slugger = new GithubSlugger();
  const entries: TocEntry[] = [];
  let fence: string | null = null;
  for (const line of body.split("\n")) {
    const marker = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker;
      else if (marker.startsWith(fence[0] ?? "`")) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const heading = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const depth = heading[1]?.length ?? 0;
    const text = (heading[2] ?? "").replace(/`([^`]*)`/g, "$1").replace(/\*\*?([^*]+)\*\*?/g, "$1").replace(/\\([{}<])/g, "$1");
    const id = slugger.slug(text);
    if (depth === 2 || depth === 3) entries.push({ depth, text, id });
  }
  return entries;
}
