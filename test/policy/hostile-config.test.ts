import yaml from "js-yaml";
import { parseConfig, type ConfigOutcome } from "../../src/policy/config.js";
import { readConfigText } from "../../src/policy/read-config-text.js";
import { decideScope } from "../../src/policy/scope.js";

/** Eight levels of nine references each: 9^8 = 43 million leaves once expanded, a few hundred bytes as YAML. */
function listBomb(): string {
  const lines = ["b0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 1; i <= 8; i++) lines.push(`b${i}: &b${i} [${Array(9).fill(`*b${i - 1}`).join(", ")}]`);
  return lines.join("\n");
}

/** The same with mappings: every key of every level names the level below. */
function mappingBomb(): string {
  const keys = (value: string) => `{${Array.from({ length: 9 }, (_, k) => `k${k}: ${value}`).join(", ")}}`;
  const lines = [`m0: &m0 ${keys("lol")}`];
  for (let i = 1; i <= 8; i++) lines.push(`m${i}: &m${i} ${keys(`*m${i - 1}`)}`);
  return lines.join("\n");
}

const BOMBS = `${listBomb()}\n${mappingBomb()}\n`;

/** Every key of the policy, at the top and one level down. */
const PLACES = [
  "records", "lockfiles", "scope", "review", "ignore", "severity", "approval",
  "records:\n  path", "records:\n  repository", "lockfiles:\n  include", "lockfiles:\n  exclude",
  "scope:\n  transitive", "scope:\n  development", "review:\n  interval_days", "review:\n  warn_days",
  "severity:\n  missing-record", "approval:\n  required", "approval:\n  teams", "approval:\n  users",
  "approval:\n  permission", "approval:\n  allow_authors", "ignore:\n  - name",
];

function expectClearRefusal(outcome: ConfigOutcome, key: string): void {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  const named = key.replace(/:\n\s*(- )?/, (_, item: string | undefined) => (item ? "[0]." : "."));
  expect(outcome.errors.some((e) => e.startsWith(named))).toBe(true);
  for (const error of outcome.errors) expect(error.length).toBeLessThan(400);
  expect(outcome.errors.length).toBeLessThanOrEqual(50);
}

describe("a YAML alias bomb in .github/soup.yml", () => {
  it.each(PLACES.flatMap((place) => [[place, "*b8"], [place, "*m8"]]))("under %j, %s is refused with a short message (CLI)", (place, alias) => {
    expectClearRefusal(readConfigText(`${BOMBS}${place}: ${alias}\n`), place);
  });

  it.each(PLACES.flatMap((place) => [[place, "*b8"], [place, "*m8"]]))("under %j, %s is refused with a short message (App, an object whose aliases are shared)", (place, alias) => {
    expectClearRefusal(parseConfig(yaml.load(`${BOMBS}${place}: ${alias}\n`, { schema: yaml.CORE_SCHEMA })), place);
  });

  it("an ignore list naming one huge mapping a thousand times checks it once", () => {
    const huge = `h: &h {${Array.from({ length: 20_000 }, (_, i) => `k${i}: x`).join(", ")}}`;
    const outcome = readConfigText(`${huge}\nignore: [${Array(1000).fill("*h").join(", ")}]\n`);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors).toHaveLength(50);
  });

  it("refuses a list nested ten thousand deep without overflowing the stack", () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const outcome = parseConfig({ records: { path: JSON.parse(deep) as unknown } });
    expect(outcome.ok || outcome.errors[0]).toMatch(/^records\.path: expected a string or a list of strings, got \[\[\[\[/);
  });
});

describe("numbers in .github/soup.yml", () => {
  it.each([
    ["interval_days", "100000000"],
    ["interval_days", "36501"],
    ["interval_days", "1e308"],
    ["interval_days", ".inf"],
    ["interval_days", "-.inf"],
    ["interval_days", ".nan"],
    ["interval_days", "0"],
    ["interval_days", "365.5"],
    ["interval_days", `"365"`],
    ["interval_days", "9".repeat(400)],
    ["warn_days", "100000000"],
    ["warn_days", "-1"],
  ])("review.%s: %s is refused, naming the bound", (key, value) => {
    const outcome = readConfigText(`review:\n  ${key}: ${value}\n`);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toMatch(new RegExp(`^review\\.${key}: expected a whole number of days from ${key === "warn_days" ? 0 : 1} to 36500 \\(100 years\\), got `));
    expect(outcome.errors[0]!.length).toBeLessThan(200);
    expect(outcome.config.review).toEqual({ interval_days: 365, warn_days: 30 });
  });

  it.each([["interval_days", 36500], ["interval_days", 1], ["warn_days", 0], ["warn_days", 36500]])("review.%s: %d, at the bound, is accepted", (key, value) => {
    const outcome = readConfigText(`review:\n  ${key}: ${value}\n`);
    expect(outcome.ok && outcome.config.review[key as "interval_days"]).toBe(value);
  });
});

describe("hostile keys and sizes in .github/soup.yml", () => {
  it("reads __proto__ and constructor keys as unknown keys and pollutes no prototype", () => {
    const outcome = readConfigText("__proto__:\n  polluted: yes\nrecords:\n  __proto__: {path: evil}\n  constructor: x\nignore:\n  - {__proto__: {name: x}, name: a, reason: b}\n");
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toEqual([
      expect.stringMatching(/^__proto__: unknown key/),
      expect.stringMatching(/^records\.__proto__: unknown key/),
      expect.stringMatching(/^records\.constructor: unknown key/),
      expect.stringMatching(/^ignore\[0\]\.__proto__: unknown key/),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).path).toBeUndefined();
    expect(outcome.config.records.path).toEqual(["docs/soup"]);
  });

  it("lists the first 49 of a million unknown keys and counts the rest", () => {
    const raw = Object.fromEntries(Array.from({ length: 1_000_000 }, (_, i) => [`key${i}`, i]));
    const outcome = parseConfig(raw);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toHaveLength(50);
    expect(outcome.errors[49]).toBe("…and 999951 more problems");
  });

  it("cuts an unknown key of a million characters short", () => {
    const outcome = parseConfig({ ["k".repeat(1_000_000)]: 1 });
    expect(outcome.ok || outcome.errors[0]!.length).toBeLessThan(300);
  });

  it.each([
    ["records.path", { records: { path: "d".repeat(1001) } }, /^records\.path: each entry has at most 1000 characters, got "d{78}…$/],
    ["ignore[0].name", { ignore: [{ name: "*".repeat(1001), reason: "r" }] }, /^ignore\[0\]\.name: at most 1000 characters, got "\*{78}…$/],
    ["ignore", { ignore: Array(1001).fill({ name: "a", reason: "r" }) }, /^ignore: at most 1000 rules, got 1001/],
    ["lockfiles.exclude", { lockfiles: { exclude: Array(1001).fill("a/**") } }, /^lockfiles\.exclude: at most 1000 entries, got 1001$/],
  ])("%s beyond its bound is refused", (_, raw, message) => {
    const outcome = parseConfig(raw);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors).toEqual([expect.stringMatching(message)]);
  });
});

describe("broken ignore rules", () => {
  it.each([["{}"], ["{ reason: r }"], ["{ name: '' , reason: r }"], ["{ name: x }"], ["{ name: x, reason: r, ecosystem: cargo }"]])("ignore: [%s] is refused and ignores nothing", (rule) => {
    const outcome = readConfigText(`ignore:\n  - ${rule}\n  - { name: kept, reason: r }\n`);
    expect(outcome.ok).toBe(false);
    expect(outcome.config.ignore).toEqual([{ name: "kept", reason: "r" }]);
    expect(decideScope({ ecosystem: "npm", name: "x", direct: true, dev: false }, outcome.config)).toEqual({ inScope: true });
  });

  it("a YAML error at the end of the file names its last line", () => {
    expect(readConfigText("records:\n  path: 'docs")).toEqual(expect.objectContaining({ ok: false, errors: [expect.stringMatching(/^YAML syntax error at line 2: /)] }));
  });
});
