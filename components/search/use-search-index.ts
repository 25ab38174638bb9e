"use client";

import type MiniSearch from "minisearch";
import { useCallback, useRef, useState } from "react";
import { searchOptions, type SearchDoc } from "@/lib/content/search-shared";

export type SearchStatus = "idle" | "loading" | "ready" | "error";

/** Loads MiniSearch and the prebuilt index on first use, then keeps them for the page's life. */
export function useSearchIndex() {
  const [status, setStatus] = useState<SearchStatus>("idle");
  const index = useRef<MiniSearch<SearchDoc> | null>(null);

  const load = useCallback(async () => {
    if (index.current || status === "loading") return;
    setStatus("loading");
    try {
      const [{ default: MiniSearchClass }, response] = await Promise.all([import("minisearch"), fetch("/search-index.json")]);
      if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
      index.current = MiniSearchClass.loadJSON<SearchDoc>(await response.text(), searchOptions);
      setStatus("ready");
    } catch {
      setStatus("error");
    }
  }, [status]);

  return { status, load, index };
}
