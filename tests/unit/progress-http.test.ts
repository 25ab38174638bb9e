import { describe, expect, it } from "vitest";
import { ProgressError } from "@/lib/progress/errors";
import { errorResponse, parseInput, readJson } from "@/lib/progress/http";
import { ratingInputSchema } from "@/lib/progress/inputs";

describe("progress route plumbing", () => {
  it("turns the first zod issue into a 400 naming the field", () => {
    const bad = { id: "6f1c1a8e-3a5b-4b7e-9d1e-0a1b2c3d4e5f", card: "x", rating: 5, reviewedAt: new Date().toISOString(), timeZone: "UTC" };
    let caught: unknown;
    try {
      parseInput(ratingInputSchema, bad);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ProgressError);
    expect(caught).toMatchObject({ code: "INVALID_INPUT", status: 400, field: "rating" });
  });

  it("refuses a body that is not JSON", async () => {
    const request = new Request("http://localhost/api", { method: "POST", body: "{", headers: { "content-type": "application/json" } });
    await expect(readJson(request)).rejects.toMatchObject({ code: "INVALID_INPUT", status: 400 });
  });

  it("answers errors in the app's shape", async () => {
    const res = errorResponse("FORBIDDEN", "This quiz attempt belongs to another learner.", 403);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "FORBIDDEN", message: "This quiz attempt belongs to another learner." } });
  });
});
