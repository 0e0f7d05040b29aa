import { parseConfig } from "../../src/policy/config.js";
import { readConfigText } from "../../src/policy/read-config-text.js";
import { decideScope } from "../../src/policy/scope.js";
import { selectFormat } from "../../src/core/select-lockfiles.js";
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

describe("policy globs against long names and paths", () => {
  it("an ignore glob that would backtrack in a regular expression decides a name of 5,000 letters at once", () => {
    const config = parseConfig({ ignore: [{ name: `${"*a".repeat(20)}b`, reason: "r" }] }).config;
    expect(decideScope({ ecosystem: "npm", name: hostileRun("a", 5000), direct: true, dev: false }, config)).toEqual({ inScope: true });
    expect(decideScope({ ecosystem: "npm", name: `${hostileRun("a", 5000)}b`, direct: true, dev: false }, config)).toEqual({ inScope: false, reason: "ignored by policy: r" });
  });

  it("lockfile globs decide a path of a megabyte", () => {
    const config = parseConfig({ lockfiles: { exclude: ["*/*/*/*/*/x", "**/a*a*a*a*a*a*a*a*b/**"], include: ["**/requirements/*.txt"] } }).config;
    expect(selectFormat(`${hostileRun("a/")}requirements.txt`, config)?.id).toBe("requirements.txt");
    expect(selectFormat(`${hostileRun("a/")}requirements/dev.txt`, config)?.id).toBe("requirements.txt");
    expect(selectFormat(`${hostileRun("a")}b/requirements.txt`, config)).toBeUndefined();
  });

  it.each([["lockfiles", { lockfiles: { exclude: ["@(a|b)/**"] } }, /^lockfiles\.exclude: "@\(a\|b\)\/\*\*" uses extended glob syntax/], ["ignore", { ignore: [{ name: "!(react)", reason: "r" }] }, /^ignore\[0\]\.name: "!\(react\)" uses extended glob syntax/]])("%s: an extended glob is refused, so it never silently matches nothing", (_, raw, message) => {
    const outcome = parseConfig(raw);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors).toEqual([expect.stringMatching(message)]);
  });
});
