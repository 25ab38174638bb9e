/**
 * A rough plain-text version of an MDX body for the search index: JSX tags, code fences and
 * markdown punctuation go; words stay. Config examples are dropped because directive names
 * would drown the prose in results.
 */
export function mdxToPlainText(body: string): string {
  return body
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/<\/?[A-Z][^>]*>/g, " ")
    .replace(/\b(?:alt|caption|title|type|src)="[^"]*"/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`|~-]+/g, " ")
    .replace(/\\([{}<])/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/\s+/g, " ")
    .trim();
}
