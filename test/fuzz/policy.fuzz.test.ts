import { readFileSync } from "node:fs";
import fc from "fast-check";
import yaml from "js-yaml";
import { APPROVAL_PERMISSIONS, defaultConfig, parseConfig, type Config, type ConfigOutcome } from "../../src/policy/config.js";
import { readConfigText } from "../../src/policy/read-config-text.js";
import { decideScope } from "../../src/policy/scope.js";
import { ECOSYSTEMS, FINDING_CODES } from "../../src/types.js";
import { expectNoPollution, HOSTILE_PIECES, mutated } from "./damage.js";
import { FUZZ_OPTIONS } from "./runs.js";

/** The policy of the example device, and one that sets every key the product documents. */
const REAL = [
  readFileSync(new URL("../../examples/base/.github/soup.yml", import.meta.url), "utf8"),
  `records:
  path: [docs/soup, qms/soup]
  repository: acme/qms
lockfiles:
  include: ["requirements/*.txt"]
  exclude: ["examples/**", "test/fixtures/**"]
scope:
  transitive: false
  development: false
review:
  interval_days: 365
  warn_days: 30
ignore:
  - { ecosystem: npm, name: "@types/*", reason: "type declarations, not shipped" }
severity:
  newer-than-reviewed: failure
  orphan-record: off
approval:
  required: true
  teams: [qa]
  users: [alice]
  permission: null
  allow_authors: false
`,
];

/**
 * What must hold of any policy, however hostile: reading it never throws; the config is always a
 * complete, well-typed policy within its bounds (the defaults stand in for what is bad); a refusal says
 * what is wrong in at most 50 short lines; and no prototype gains a property.
 */
function checkOutcome(outcome: ConfigOutcome): void {
  expectNoPollution();
  checkConfig(outcome.config);
  if (!outcome.ok) {
    expect(outcome.errors.length).toBeGreaterThan(0);
    expect(outcome.errors.length).toBeLessThanOrEqual(50);
    for (const error of outcome.errors) expect(error.length).toBeLessThan(1000);
  }
  // A change is always decided, in or out of scope, with a reason when out.
  const decision = decideScope({ ecosystem: "npm", name: "@types/node", direct: true, dev: false }, outcome.config);
  expect(decision.inScope || typeof decision.reason === "string").toBe(true);
}

function checkConfig(config: Config): void {
  const strings = (list: unknown) => Array.isArray(list) && list.every((s) => typeof s === "string" && s.length <= 1000);
  expect(Object.keys(config).sort()).toEqual(Object.keys(defaultConfig()).sort());
  expect(strings(config.records.path) && config.records.path.length >= 1).toBe(true);
  expect(config.records.repository === undefined || /^[\w.-]+\/[\w.-]+$/.test(config.records.repository)).toBe(true);
  expect(strings(config.lockfiles.include) && strings(config.lockfiles.exclude)).toBe(true);
  expect([typeof config.scope.transitive, typeof config.scope.development]).toEqual(["boolean", "boolean"]);
  for (const [days, min] of [[config.review.interval_days, 1], [config.review.warn_days, 0]] as const) expect(Number.isInteger(days) && days >= min && days <= 36_500).toBe(true);
  expect(config.ignore.length).toBeLessThanOrEqual(1000);
  for (const rule of config.ignore) expect(typeof rule.name === "string" && typeof rule.reason === "string" && (rule.ecosystem === undefined || ECOSYSTEMS.includes(rule.ecosystem))).toBe(true);
  expect(Object.keys(config.severity).sort()).toEqual([...FINDING_CODES].sort());
  for (const setting of Object.values(config.severity)) expect(["failure", "warning", "notice", "off"]).toContain(setting);
  expect(typeof config.approval.required === "boolean" && typeof config.approval.allow_authors === "boolean").toBe(true);
  expect(strings(config.approval.teams) && strings(config.approval.users)).toBe(true);
  expect(config.approval.permission === null || APPROVAL_PERMISSIONS.includes(config.approval.permission)).toBe(true);
}

/** YAML values of every kind, including aliases to an anchored bomb and keys that name prototypes. */
const BOMB = ["b0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]", ...Array.from({ length: 8 }, (_, i) => `b${i + 1}: &b${i + 1} [${Array(9).fill(`*b${i}`).join(", ")}]`)].join("\n");
const scalar = fc.oneof(
  fc.constantFrom("*b8", "*b3", "~", "null", "true", "no", "off", "1e400", "-1", "0", "36500", "36501", "100000000", ".inf", ".nan", "0x10", "'365'", "[]", "{}", "docs/soup", "acme/qms", "\"@types/*\"", "'**'"),
  fc.integer().map(String),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
);
const KEYS = {
  records: ["path", "repository"], lockfiles: ["include", "exclude"], scope: ["transitive", "development"], review: ["interval_days", "warn_days"],
  severity: [...FINDING_CODES], approval: ["required", "teams", "users", "permission", "allow_authors"],
} as const;
const section = fc.oneof(
  ...Object.entries(KEYS).map(([name, keys]) =>
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.constantFrom("__proto__", "constructor", "unknown")), scalar), { maxLength: 4 })
      .map((pairs) => `${name}:\n${pairs.map(([k, v]) => `  ${k}: ${v}`).join("\n")}`)),
  fc.array(fc.tuple(fc.constantFrom("ecosystem", "name", "reason", "__proto__"), scalar), { maxLength: 4 }).map((pairs) => `ignore:\n  - {${pairs.map(([k, v]) => `${k}: ${v}`).join(", ")}}`),
  fc.tuple(fc.constantFrom("records", "ignore", "review", "severity", "approval", "__proto__", "_extends"), scalar).map(([k, v]) => `${k}: ${v}`),
);

describe("the policy under fuzzing", () => {
  it.each(REAL.map((text, i) => [i, text]))("mutations of a real policy (%d) are read or refused, never thrown", (_, text) => {
    fc.assert(fc.property(mutated(text), (damaged) => checkOutcome(readConfigText(damaged))), FUZZ_OPTIONS);
  });

  it("policies built from hostile values, aliases to a bomb and prototype keys, through the CLI's reader and as the App's loaded object", () => {
    fc.assert(
      fc.property(fc.uniqueArray(section, { maxLength: 6, selector: (s) => s.split(":")[0] }), (sections) => {
        const text = `${BOMB}\n${sections.join("\n")}\n`;
        checkOutcome(readConfigText(text));
        let loaded: unknown;
        try {
          loaded = yaml.load(text, { schema: yaml.CORE_SCHEMA });
        } catch {
          return;
        }
        checkOutcome(parseConfig(loaded));
      }),
      FUZZ_OPTIONS,
    );
  });

  it("any JSON-like value handed to parseConfig", () => {
    const key = fc.oneof(fc.constantFrom("records", "ignore", "review", "scope", "severity", "approval", "lockfiles", "path", "name", "reason", "interval_days", "__proto__", "constructor"), fc.string({ maxLength: 6 }));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, fc.jsonValue({ maxDepth: 1 }), fc.double(), fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(key, tie("node"), { maxKeys: 5 })),
    })).node;
    fc.assert(fc.property(value, (raw) => checkOutcome(parseConfig(raw))), FUZZ_OPTIONS);
  });

  it("random text", () => {
    const text = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.array(fc.constantFrom(...HOSTILE_PIECES, "\n", "  ", "records", "ignore"), { maxLength: 40 }).map((p) => p.join("")));
    fc.assert(fc.property(text, (t) => checkOutcome(readConfigText(t))), FUZZ_OPTIONS);
  });
});
