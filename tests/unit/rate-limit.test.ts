import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";
import { clientAddressFrom } from "@/lib/auth/client-address";

describe("SlidingWindowLimiter", () => {
  it("allows up to the limit inside the window, then refuses with a retry time", () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(3, 60_000, () => now);
    expect([1, 2, 3].map(() => limiter.attempt("k").allowed)).toEqual([true, true, true]);
    const refused = limiter.attempt("k");
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(60);
    now = 30_000;
    expect(limiter.attempt("k").retryAfterSeconds).toBe(30);
    expect(limiter.attempt("other").allowed).toBe(true);
  });

  it("lets attempts back in as old ones leave the window, and reset clears a key", () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(2, 1000, () => now);
    limiter.attempt("k");
    now = 500;
    limiter.attempt("k");
    expect(limiter.attempt("k").allowed).toBe(false);
    now = 1001;
    expect(limiter.attempt("k").allowed).toBe(true);
    limiter.reset("k");
    expect(limiter.attempt("k").allowed).toBe(true);
  });
});

describe("clientAddressFrom", () => {
  it("uses the right-most X-Forwarded-For entry", () => {
    expect(clientAddressFrom(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.1" }))).toBe("10.0.0.1");
    expect(clientAddressFrom({ "x-forwarded-for": "127.0.0.1" })).toBe("127.0.0.1");
    expect(clientAddressFrom({})).toBe("unknown");
  });
});
