import { describe, expect, test } from "@jest/globals";
import { checkChanges, type CheckInput } from "../../src/core/check-changes.js";
import { defaultConfig } from "../../src/policy/config.js";
import { MemorySnapshot } from "./memory-snapshot.js";

const TODAY = "2026-11-26";

function record(name: string, versions: string[], reviewed = "2026-10-01"): string {
  return `---\nsoup:\n  package: ${name}\n  ecosystem: pypi\n  manufacturer: Example\n  versions: [${versions.map((v) => `"${v}"`).join(", ")}]\n  latest_reviewed: "${versions.at(-1)}"\n  last_review_date: ${reviewed}\n---\n# ${name}\n`;
}

function check(base: Record<string, string>, head: Record<string, string>, changedPaths: string[], overrides: Partial<CheckInput> = {}) {
  const before = new MemorySnapshot(base);
  const after = new MemorySnapshot(head);
  const evaluation = checkChanges({ base: before, head: after, records: after, recordsInHead: true, changedPaths, config: defaultConfig(), today: TODAY, ...overrides });
  return { evaluation, before, after };
}

const summary = (changes: Awaited<ReturnType<typeof check>["evaluation"]>["changes"]) => changes.map((c) => [c.name, c.kind, c.from, c.to, c.lockfile, c.line, c.record ?? null, c.findings.map((f) => f.code)]);

describe("checkChanges over one commit pair", () => {
  test("a bump covered by the record the pull request updated passes; the record change is part of what QA approves", async () => {
    const { evaluation } = check(
      { "requirements.txt": "timm==1.0.22\n", "docs/soup/timm.md": record("timm", ["1.0.22"]) },
      { "requirements.txt": "timm==1.0.24\n", "docs/soup/timm.md": record("timm", ["1.0.22", "1.0.24"]) },
      ["requirements.txt", "docs/soup/timm.md"],
    );
    const result = await evaluation;
    expect(result.conclusion).toBe("success");
    expect(summary(result.changes)).toStrictEqual([["timm", "upgraded", "1.0.22", "1.0.24", "requirements.txt", 1, "docs/soup/timm.md", []]]);
    expect(result.changedRecords).toStrictEqual(["docs/soup/timm.md"]);
    expect(result.lockfiles).toStrictEqual(["requirements.txt"]);
  });

  test("a change to a file that a requirements file includes is reported at the line of the included file", async () => {
    const { evaluation } = check(
      { "requirements.txt": "-r base.txt\nflask==3.0.0\n", "base.txt": "numpy==2.1.0\n" },
      { "requirements.txt": "-r base.txt\nflask==3.0.0\n", "base.txt": "numpy==2.1.1\n" },
      ["base.txt"],
    );
    expect(summary((await evaluation).changes)).toStrictEqual([["numpy", "upgraded", "2.1.0", "2.1.1", "base.txt", 1, null, ["missing-record"]]]);
  });

  test("an unreadable head lockfile fails at its line and hides nothing: no change is invented from it", async () => {
    const { evaluation } = check({ "requirements.txt": "timm==1.0.22\n" }, { "requirements.txt": "<<<<<<< HEAD\ntimm==1.0.24\n=======\ntimm==1.0.23\n>>>>>>> branch\n" }, ["requirements.txt"]);
    const result = await evaluation;
    expect(result.conclusion).toBe("failure");
    expect(result.changes).toStrictEqual([]);
    expect(result.findings.map((f) => [f.code, f.path, f.line])).toStrictEqual([["lockfile-unparsable", "requirements.txt", 1]]);
  });

  test("a removed package whose record remains is an orphan only when no lockfile at head still locks it", async () => {
    const records = { "docs/soup/six.md": record("six", ["1.16.0"]) };
    const gone = await check({ "a/requirements.txt": "six==1.16.0\n", ...records }, { "a/requirements.txt": "", ...records }, ["a/requirements.txt"]).evaluation;
    expect(gone.findings.map((f) => [f.code, f.severity, f.path])).toStrictEqual([["orphan-record", "notice", "docs/soup/six.md"]]);
    const elsewhere = await check(
      { "a/requirements.txt": "six==1.16.0\n", "b/requirements.txt": "six==1.16.0\n", ...records },
      { "a/requirements.txt": "", "b/requirements.txt": "six==1.16.0\n", ...records },
      ["a/requirements.txt"],
    ).evaluation;
    expect(elsewhere.findings).toStrictEqual([]);
  });

  test("records are not read when nothing needs them, and each lockfile is read once per commit", async () => {
    const quiet = check({ "README.md": "a\n", "docs/soup/timm.md": record("timm", ["1.0.22"]) }, { "README.md": "b\n", "docs/soup/timm.md": record("timm", ["1.0.22"]) }, ["README.md"]);
    expect((await quiet.evaluation).changes).toStrictEqual([]);
    expect([...quiet.after.reads.keys()]).toStrictEqual([]);

    const removal = check(
      { "requirements.txt": "six==1.16.0\ntimm==1.0.22\n", "other/requirements.txt": "flask==3.0.0\n" },
      { "requirements.txt": "timm==1.0.22\n", "other/requirements.txt": "flask==3.0.0\n", "notes.txt": "x" },
      ["requirements.txt", "notes.txt"],
    );
    await removal.evaluation;
    // The changed lockfile is parsed once, although three steps need it (roots, diff, what is still locked).
    expect(removal.after.reads.get("requirements.txt")).toBe(1);
    expect(removal.before.reads.get("requirements.txt")).toBe(1);
  });

  test("a pull request that edits the policy file is told that the change applies after merging", async () => {
    const result = await check({ ".github/soup.yml": "review:\n  interval_days: 365\n" }, { ".github/soup.yml": "review:\n  interval_days: 30\n" }, [".github/soup.yml"]).evaluation;
    expect(result.configChanged).toBe(true);
    expect(result.conclusion).toBe("success");
  });
});
