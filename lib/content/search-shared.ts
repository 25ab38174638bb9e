// What the search index and the search dialog share. No imports: this module ships to the
// browser, and MiniSearch itself is loaded only when search is first opened.

/** One searchable page. `kind` decides the URL and the label in results. */
export interface SearchDoc {
  id: string;
  kind: "question" | "topic";
  slug: string;
  title: string;
  answer: string;
  body: string;
  tags: string;
}

/** Fields stored with each result so the dialog can render it without a second fetch. */
export const storedFields = ["kind", "slug", "title", "answer"] as const;

export const searchOptions = {
  fields: ["title", "answer", "body", "tags"],
  storeFields: [...storedFields],
  searchOptions: { boost: { title: 4, tags: 2, answer: 2 }, prefix: true, fuzzy: 0.15, combineWith: "AND" as const },
};

export function hrefFor(kind: SearchDoc["kind"], slug: string): string {
  return kind === "question" ? `/questions/${slug}` : `/topics/${slug}`;
}
