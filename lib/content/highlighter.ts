import "server-only";
import { createHighlighter, type Highlighter } from "shiki";

// One highlighter for the whole build, with only the grammars the content uses: loading every
// Shiki grammar would cost seconds per worker. HAProxy has no grammar; its configs read well
// with the INI one (sections, keywords, values).
export const codeLanguages = ["nginx", "yaml", "json", "bash", "http", "hcl", "ini"] as const;
export const languageAliases: Record<string, string> = { haproxy: "ini", sh: "bash", shell: "bash", yml: "yaml", terraform: "hcl" };

let highlighter: Promise<Highlighter> | undefined;
export function sharedHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: ["github-light", "github-dark"], langs: [...codeLanguages], langAlias: languageAliases });
  return highlighter;
}
