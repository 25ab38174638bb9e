import MiniSearch from "minisearch";
import type { ContentTree } from "./load";
import { mdxToPlainText } from "./plain-text";
import { searchOptions, type SearchDoc } from "./search-shared";

// Bodies are trimmed so the index a learner downloads on first search stays small.
const bodyLimit = 2500;

export function searchDocs(tree: ContentTree): SearchDoc[] {
  const docs: SearchDoc[] = tree.questions.map((q) => ({
    id: `q:${q.slug}`,
    kind: "question",
    slug: q.slug,
    title: q.title,
    answer: q.shortAnswer,
    body: mdxToPlainText(q.body).slice(0, bodyLimit),
    tags: q.tags.join(" "),
  }));
  for (const t of tree.topics) {
    docs.push({
      id: `t:${t.slug}`,
      kind: "topic",
      slug: t.slug,
      title: t.title,
      answer: t.summary,
      body: mdxToPlainText(t.body).slice(0, bodyLimit * 2),
      tags: t.tags.join(" "),
    });
  }
  return docs;
}

/** The serialized MiniSearch index, built once at build time and served as a static file. */
export function buildSearchIndex(tree: ContentTree): string {
  const index = new MiniSearch<SearchDoc>(searchOptions);
  index.addAll(searchDocs(tree));
  return JSON.stringify(index);
}
