// What routing, hashing and stickiness read from a request: path, Host and headers, with the
// Cookie header parsed only if something asks for a cookie. A class rather than closures, so
// the per-request hot path allocates one small object and no functions.
import type { RequestHeaders } from "../../http1/server-connection";
import { parseCookies } from "./cookies";
import type { RouteRequest } from "./route-table";

export class RequestView implements RouteRequest {
  private parsed: Record<string, string> | null = null;

  constructor(
    readonly path: string,
    readonly host: string | null,
    readonly headers: RequestHeaders,
  ) {}

  cookie(name: string): string | undefined {
    if (this.headers.cookie === undefined) return undefined;
    return this.cookies()[name];
  }

  cookies(): Record<string, string> {
    // Cookie lines are joined into one string by the server connection (RFC 9110 §5.3 allows it).
    return (this.parsed ??= parseCookies(this.headers.cookie as string | undefined));
  }
}
