import { parseConfig } from "../../src/policy/config.js";
import { readConfigText } from "../../src/policy/read-config-text.js";
import { hostileRun, MB } from "../fuzz/hostile-line.js";

describe("the policy on a 1 MB line", () => {
  it.each([
    ["a repository name of a million owner/name pairs", hostileRun("a/")],
    ["a repository name of a million dots and dashes without a slash", hostileRun(".-")],
    ["a repository name that ends in a million slashes", `acme/qms${hostileRun("/")}`],
  ])("refuses %s", (_, repository) => {
    const outcome = parseConfig({ records: { repository } });
    expect(outcome.ok).toBe(false);
    expect(outcome.config.records.repository).toBeUndefined();
  });

  it("reads a YAML line of a million spaces as an empty policy", () => {
    expect(readConfigText(hostileRun(" "))).toEqual({ ok: true, config: parseConfig(null).config });
  });

  it("says a YAML line of a million colons is no mapping", () => {
    const outcome = readConfigText(`records: ${hostileRun(":")}`);
    expect(outcome.ok).toBe(false);
  });

  it("reads a value that ends in a million spaces", () => {
    const outcome = readConfigText(`review:\n  interval_days: 180${" ".repeat(MB)}\n`);
    expect(outcome.ok && outcome.config.review.interval_days).toBe(180);
  });
});
