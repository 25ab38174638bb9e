import { parse as parseYaml } from "yaml";

/** Splits `---\nyaml\n---\nbody` into its parts; a file without frontmatter gets `data: null`. */
export function splitFrontmatter(source: string): { data: unknown; body: string; error?: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) return { data: null, body: source, error: "missing the --- frontmatter block at the top" };
  try {
    return { data: parseYaml(match[1] ?? ""), body: match[2] ?? "" };
  } catch (err) {
    return { data: null, body: match[2] ?? "", error: `frontmatter is not valid YAML: ${(err as Error).message}` };
  }
}
