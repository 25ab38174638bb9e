// A tiny method+path router: exact segments and `:param`s, 404 for unknown paths, 405 with an
// `Allow` header for known paths with the wrong method (RFC 9110 §15.5.6).
import type { IncomingMessage, ServerResponse } from "node:http";

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  url: URL;
}
export type Handler = (ctx: RouteContext) => Promise<void> | void;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
  public: boolean;
}

export type RouteMatch = { kind: "found"; handler: Handler; params: Record<string, string>; public: boolean } | { kind: "method"; allow: string[] } | { kind: "none" };

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: Handler, options: { public?: boolean } = {}): this {
    this.routes.push({ method, segments: path.split("/").filter(Boolean), handler, public: options.public ?? false });
    return this;
  }

  match(method: string, pathname: string): RouteMatch {
    const parts = pathname.split("/").filter(Boolean);
    const allow = new Set<string>();
    for (const r of this.routes) {
      const params = matchSegments(r.segments, parts);
      if (!params) continue;
      if (r.method === method || (method === "HEAD" && r.method === "GET")) return { kind: "found", handler: r.handler, params, public: r.public };
      allow.add(r.method);
    }
    return allow.size > 0 ? { kind: "method", allow: [...allow] } : { kind: "none" };
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const v = parts[i]!;
    if (p.startsWith(":")) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(v);
      } catch {
        return null;
      }
      params[p.slice(1)] = decoded;
    } else if (p !== v) return null;
  }
  return params;
}
