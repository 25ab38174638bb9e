// A content problem always names the file, the field and what is wrong, so a writer can fix it
// without reading the loader.
export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

export class ContentError extends Error {
  readonly code = "CONTENT_INVALID";
  constructor(readonly problems: ContentProblem[]) {
    super(
      `content/ has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  ${p.file}: ${p.field}: ${p.message}`).join("\n"),
    );
    this.name = "ContentError";
  }
}
