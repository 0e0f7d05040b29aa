import { describe, expect, test } from "@jest/globals";
import { auditCommit } from "../../src/core/audit-commit.js";
import { checkChanges } from "../../src/core/check-changes.js";
import { defaultConfig } from "../../src/policy/config.js";
import { MemorySnapshot } from "./memory-snapshot.js";

// package-lock.json, yarn.lock and Pipfile.lock find their packages' lines only when asked: the evaluation must ask,
// or every annotation and report would point at line 0.

const TODAY = "2026-11-26";

const packageLock = (versions: Record<string, string>) =>
  `${JSON.stringify({ name: "app", lockfileVersion: 3, requires: true, packages: { "": { dependencies: Object.fromEntries(Object.keys(versions).map((name) => [name, "*"])) }, ...Object.fromEntries(Object.entries(versions).map(([name, version]) => [`node_modules/${name}`, { version, resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz` }])) } }, null, 2)}\n`;

const yarnLock = (versions: Record<string, string>) =>
  `__metadata:\n  version: 8\n\n"app@workspace:.":\n  version: 0.0.0-use.local\n  resolution: "app@workspace:."\n  dependencies:\n${Object.keys(versions).map((name) => `    ${name}: "*"\n`).join("")}  languageName: unknown\n  linkType: soft\n` +
  Object.entries(versions).map(([name, version]) => `\n"${name}@npm:*":\n  version: ${version}\n  resolution: "${name}@npm:${version}"\n  languageName: node\n  linkType: hard\n`).join("");

const pipfileLock = (versions: Record<string, string>) =>
  `${JSON.stringify({ _meta: { hash: { sha256: "0".repeat(64) }, "pipfile-spec": 6 }, default: Object.fromEntries(Object.entries(versions).map(([name, version]) => [name, { hashes: [`sha256:${"1".repeat(64)}`], index: "pypi", version: `==${version}` }])), develop: {} }, null, 4)}\n`;

/** The line of the entry of `name` in a text, found by plain search: `"node_modules/name": {`, `"name@npm:*":` or `        "name": {`. */
const entryLine = (text: string, name: string) =>
  text.split("\n").findIndex((line) => line.includes(`"node_modules/${name}": {`) || line.startsWith(`"${name}@npm:*":`) || line === `        "${name}": {`) + 1;

describe("lines of changes from lockfiles that find them on demand", () => {
  const base = { a: "1.0.0", b: "1.0.0", c: "1.0.0" };
  const head = { a: "1.0.0", b: "2.0.0", c: "1.0.0" };

  test.each([
    ["package-lock.json", packageLock],
    ["yarn.lock", yarnLock],
    ["Pipfile.lock", pipfileLock],
  ])("%s: a check reports the bump at the line of its entry at head", async (path, write) => {
    const line = entryLine(write(head), "b");
    expect(line).toBeGreaterThan(1);
    const evaluation = await checkChanges({
      base: new MemorySnapshot({ [path]: write(base) }),
      head: new MemorySnapshot({ [path]: write(head) }),
      records: new MemorySnapshot({}),
      recordsInHead: true,
      changedPaths: [path],
      config: defaultConfig(),
      today: TODAY,
    });
    expect(evaluation.changes.map((c) => [c.name, c.from, c.to, c.lockfile, c.line])).toStrictEqual([["b", "1.0.0", "2.0.0", path, line]]);
  });

  test.each([
    ["package-lock.json", packageLock],
    ["yarn.lock", yarnLock],
    ["Pipfile.lock", pipfileLock],
  ])("%s: an audit lists every package at the line of its entry", async (path, write) => {
    const lines = ["a", "b", "c"].map((name) => entryLine(write(head), name));
    const commit = new MemorySnapshot({ [path]: write(head) });
    const audit = await auditCommit({ commit, records: commit, recordsInRepository: true, config: defaultConfig(), today: TODAY });
    expect(audit.items.map((item) => [item.name, item.locations.map((l) => l.line)])).toStrictEqual([["a", [lines[0]]], ["b", [lines[1]]], ["c", [lines[2]]]]);
  });
});
