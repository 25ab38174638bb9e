import "server-only";
import rehypeShikiFromHighlighter from "@shikijs/rehype/core";
import { MDXRemote } from "next-mdx-remote/rsc";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";
import type { ComponentProps } from "react";
import { sharedHighlighter } from "@/lib/content/highlighter";
import { Callout } from "./callout";
import { Diagram } from "./diagram";

const components = {
  Callout,
  Diagram,
  // Wide tables and code scroll inside themselves so the page never scrolls sideways on a phone.
  table: (props: ComponentProps<"table">) => (
    <div className="my-6 overflow-x-auto" tabIndex={0} role="region" aria-label="Table">
      <table {...props} />
    </div>
  ),
  pre: (props: ComponentProps<"pre">) => <pre {...props} tabIndex={0} />,
};

/** Renders a content body (MDX, JS expressions blocked) with GFM, heading ids and highlighting. */
export async function MdxContent({ source }: { source: string }) {
  const highlighter = await sharedHighlighter();
  return (
    <div className="prose-layerlab">
      <MDXRemote
        source={source}
        components={components}
        options={{
          mdxOptions: {
            remarkPlugins: [remarkGfm],
            rehypePlugins: [
              rehypeSlug,
              [
                rehypeShikiFromHighlighter,
                highlighter,
                {
                  themes: { light: "github-light", dark: "github-dark" },
                  defaultColor: false,
                  fallbackLanguage: "text",
                  defaultLanguage: "text",
                },
              ],
            ],
          },
        }}
      />
    </div>
  );
}
