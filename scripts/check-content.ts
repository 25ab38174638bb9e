// `npx tsx scripts/check-content.ts`: validates content/ (schema and links) and compiles every
// MDX body, printing each problem with its file and field. Exit code 1 on any problem.
import { compile } from "@mdx-js/mdx";
import remarkGfm from "remark-gfm";
import { loadContent } from "../lib/content/load";
import { ContentError } from "../lib/content/errors";

async function main() {
  let tree;
  try {
    tree = loadContent();
  } catch (err) {
    if (err instanceof ContentError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const failures: string[] = [];
  for (const doc of [...tree.questions, ...tree.topics]) {
    try {
      await compile(doc.body, { remarkPlugins: [remarkGfm] });
    } catch (err) {
      failures.push(`${doc.file}: body: MDX does not compile: ${(err as Error).message}`);
    }
  }
  if (failures.length) {
    console.error(failures.join("\n"));
    process.exit(1);
  }
  const items = tree.quizzes.reduce((n, q) => n + q.items.length, 0);
  const perTrack = tree.tracks.map((t) => `${t.slug}: ${tree.questions.filter((q) => q.track === t.slug).length} cards`).join(", ");
  console.log(`content OK — ${perTrack}; ${tree.topics.length} deep dives; ${items} quiz items in ${tree.quizzes.length} banks`);
}

void main();
