import { normaliseEntryTime, parseTimeBound } from "../../src/history/time-bound.js";

describe("parseTimeBound", () => {
  it.each<[string, "since" | "until", { at: string; exclusive: boolean }]>([
    ["2026-11-24", "since", { at: "2026-11-24T00:00:00.000Z", exclusive: false }],
    ["2026-11-24", "until", { at: "2026-11-25T00:00:00.000Z", exclusive: true }],
    ["2026-12-31", "until", { at: "2027-01-01T00:00:00.000Z", exclusive: true }],
    ["2026-11-24T09:30:00Z", "until", { at: "2026-11-24T09:30:00.000Z", exclusive: false }],
    ["2026-11-24T09:30+01:00", "since", { at: "2026-11-24T08:30:00.000Z", exclusive: false }],
    ["2026-11-24T09:30:00.123456-05:00", "since", { at: "2026-11-24T14:30:00.123Z", exclusive: false }],
  ])("reads %s as a %s bound", (text, side, bound) => {
    expect(parseTimeBound(text, side)).toEqual(bound);
  });

  it.each(["2026-02-30", "2026-11-24T09:30:00", "24/11/2026", "yesterday", "", "2026-11-24T25:00:00Z"])("refuses %j", (text) => {
    expect(() => parseTimeBound(text, "since")).toThrow(`since must be a date as YYYY-MM-DD or a timestamp such as 2026-11-26T09:30:00Z, not "${text}"`);
  });
});

describe("normaliseEntryTime", () => {
  it("stores every time in UTC with milliseconds, so that times compare as text", () => {
    expect(normaliseEntryTime("2026-11-24T10:30:00+01:00")).toBe("2026-11-24T09:30:00.000Z");
  });
  it("refuses a time without a zone: it would mean a different moment on each server", () => {
    expect(() => normaliseEntryTime("2026-11-24T10:30:00")).toThrow(RangeError);
  });
});
