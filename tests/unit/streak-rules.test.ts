import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isValidTimeZone, localDateIn, weekdayOf } from "@/lib/progress/local-date";
import { computeStreak } from "@/lib/progress/streak";

describe("local dates", () => {
  it("the same instant is a different date in different zones", () => {
    const instant = new Date("2025-03-10T03:30:00Z");
    expect(localDateIn(instant, "UTC")).toBe("2025-03-10");
    expect(localDateIn(instant, "America/Los_Angeles")).toBe("2025-03-09");
    expect(localDateIn(instant, "Asia/Tokyo")).toBe("2025-03-10");
    expect(localDateIn(new Date("2025-03-10T15:30:00Z"), "Asia/Tokyo")).toBe("2025-03-11");
  });

  it("midnight belongs to the new day, one second before to the old", () => {
    expect(localDateIn(new Date("2025-06-01T21:59:59Z"), "Europe/Berlin")).toBe("2025-06-01");
    expect(localDateIn(new Date("2025-06-01T22:00:00Z"), "Europe/Berlin")).toBe("2025-06-02");
  });

  it("handles half-hour zones and DST changes", () => {
    expect(localDateIn(new Date("2025-01-01T18:29:00Z"), "Asia/Kolkata")).toBe("2025-01-01");
    expect(localDateIn(new Date("2025-01-01T18:30:00Z"), "Asia/Kolkata")).toBe("2025-01-02");
    // New York springs forward on 2025-03-09: midnight is 05:00Z before, 04:00Z after.
    expect(localDateIn(new Date("2025-03-10T03:59:00Z"), "America/New_York")).toBe("2025-03-09");
    expect(localDateIn(new Date("2025-03-10T04:00:00Z"), "America/New_York")).toBe("2025-03-10");
  });

  it("validates IANA names", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });

  it("does calendar arithmetic across months, leap days and years", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(daysBetween("2024-12-30", "2025-01-02")).toBe(3);
    expect(weekdayOf("2025-06-01")).toBe(0);
  });
});

describe("streak rules", () => {
  it("counts consecutive days ending today", () => {
    expect(computeStreak(["2025-05-01", "2025-05-02", "2025-05-03"], "2025-05-03")).toMatchObject({ current: 3, longest: 3, activeToday: true });
  });

  it("stays alive through yesterday until today ends", () => {
    expect(computeStreak(["2025-05-01", "2025-05-02"], "2025-05-03")).toMatchObject({ current: 2, activeToday: false });
  });

  it("breaks after a whole missed day but remembers the longest run", () => {
    expect(computeStreak(["2025-04-01", "2025-04-02", "2025-04-03", "2025-05-01"], "2025-05-03")).toMatchObject({ current: 0, longest: 3 });
    expect(computeStreak(["2025-04-01", "2025-04-02", "2025-04-03", "2025-05-02", "2025-05-03"], "2025-05-03")).toMatchObject({ current: 2, longest: 3 });
  });

  it("is empty without activity and ignores duplicate dates", () => {
    expect(computeStreak([], "2025-05-03")).toEqual({ current: 0, longest: 0, activeToday: false, lastActive: null });
    expect(computeStreak(["2025-05-03", "2025-05-03"], "2025-05-03")).toMatchObject({ current: 1, longest: 1 });
  });

  it("study at 23:50 and 00:10 local time are two streak days", () => {
    const tz = "America/Los_Angeles";
    const days = [new Date("2025-05-02T06:50:00Z"), new Date("2025-05-02T07:10:00Z")].map((d) => localDateIn(d, tz));
    expect(days).toEqual(["2025-05-01", "2025-05-02"]);
    expect(computeStreak(days, "2025-05-02").current).toBe(2);
  });

  it("the same two UTC instants are one day for a learner in Tokyo", () => {
    const days = [new Date("2025-05-02T06:50:00Z"), new Date("2025-05-02T07:10:00Z")].map((d) => localDateIn(d, "Asia/Tokyo"));
    expect(computeStreak(days, "2025-05-02")).toMatchObject({ current: 1 });
  });

  it("a date ahead of today's (after flying west) counts as today rather than breaking the run", () => {
    // Studied in Tokyo on the 2nd and 3rd (local), then flew to New York where it is still the 2nd.
    expect(computeStreak(["2025-05-02", "2025-05-03"], "2025-05-02")).toMatchObject({ current: 2, activeToday: true });
  });
});
