// Header rewriting at the L7 hop as pure functions: what each direction drops and adds
// (RFC 9110 §7.6.1 hop-by-hop fields, §7.6.3 Via). The proxied behaviour is in l7-headers.test.ts.
import { describe, expect, it } from "vitest";
import { downstreamResponseHeaders, upstreamRequestHeaders, type ForwardInfo } from "../../engine/filters/l7/forward-headers";

const fwd: ForwardInfo = { clientIp: "127.0.0.9", proto: "http", requestId: "r-1", via: "layerlab-web" };
const names = (flat: readonly string[]) => flat.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());

describe("response headers towards the client", () => {
  it("drops what any Connection header names, in any case, and the Connection headers themselves", () => {
    const out = downstreamResponseHeaders(
      ["Content-Type", "text/plain", "Connection", "Keep-Alive", "X-Hop", "1", "connection", "close, x-hop ,X-Other", "X-Other", "2", "Keep-Alive", "timeout=5", "X-Kept", "3"],
      fwd,
    );
    expect(names(out)).toEqual(["content-type", "x-kept", "via", "x-request-id"]);
  });

  it("keeps everything end-to-end when Connection only says keep-alive or close", () => {
    for (const value of ["keep-alive", "KEEP-ALIVE", "close", "Close"]) {
      const out = downstreamResponseHeaders(["connection", value, "x-served-by", "a", "content-length", "2"], fwd);
      expect(out).toEqual(["x-served-by", "a", "content-length", "2", "via", "1.1 layerlab-web", "x-request-id", "r-1"]);
    }
  });

  it("appends to the endpoint's Via and keeps its request id", () => {
    const out = downstreamResponseHeaders(["Via", "1.0 inner", "X-Request-Id", "theirs"], fwd);
    expect(out).toEqual(["X-Request-Id", "theirs", "via", "1.0 inner, 1.1 layerlab-web"]);
  });
});

describe("request headers towards the endpoint", () => {
  it("drops hop-by-hop and nominated fields and adds the forwarding headers", () => {
    const { headers } = upstreamRequestHeaders(["Host", "lab.test", "Connection", "keep-alive, X-Secret", "X-Secret", "s", "TE", "trailers", "X-Forwarded-For", "10.0.0.1", "Accept", "*/*"], fwd);
    expect(headers).toEqual(["Host", "lab.test", "Accept", "*/*", "x-forwarded-for", "10.0.0.1, 127.0.0.9", "x-forwarded-proto", "http", "x-request-id", "r-1", "via", "1.1 layerlab-web"]);
  });

  it("keeps a field called close or keep-alive-ish only when no Connection header names it", () => {
    const { headers } = upstreamRequestHeaders(["Host", "h", "Connection", "close", "X-Close", "1"], fwd);
    expect(names(headers)).toContain("x-close");
  });
});
