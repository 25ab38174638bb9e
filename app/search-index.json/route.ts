import { content } from "@/lib/content";
import { buildSearchIndex } from "@/lib/content/search-index";

// Built once by `next build` and served as a static file; the search dialog downloads it the
// first time a learner opens search, so pages pay nothing for it up front.
export const dynamic = "force-static";

export function GET() {
  return new Response(buildSearchIndex(content()), {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
