import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import nock from "nock";
import { cli, type CliResult } from "../../src/cli/main.js";
import { standInOsv } from "../anomalies/osv-stand-in.js";
import { parseRecord } from "../../src/records/parse-record.js";
import { fixture } from "../cli/device-fixtures.js";
import { GitFixture } from "../cli/git-fixture.js";
import { HOSTILE_PIECES, mutated } from "./damage.js";
import { FUZZ_OPTIONS, FUZZ_RUNS } from "./runs.js";

const TODAY = "2026-11-26";
const POLICY = fixture("../../examples/base/.github/soup.yml");
const RECORD = `package: flask\necosystem: pypi\nversions: ["3.0.1"]\nlatest_reviewed: "3.0.1"\nlast_review_date: 2026-06-01\n`;
const LOCKFILES = {
  "requirements.txt": fixture("lockfiles/requirements-txt/trivy__requirements_hash.txt"),
  "package-lock.json": fixture("lockfiles/npm-lock-v3/trivy__package-lock_v3.json"),
};

/** Each run builds two real git repositories, so the quick run tries a handful and the long run a few hundred. */
const CLI_OPTIONS = { ...FUZZ_OPTIONS, numRuns: Math.max(6, Math.min(300, Math.floor(FUZZ_RUNS / 25))) };

interface Case {
  command: "check" | "audit" | "scaffold";
  format: string;
  policy: string | undefined;
  record: string;
  lockfile: keyof typeof LOCKFILES;
  lockText: string;
}

const hostile = (text: string) => fc.oneof(mutated(text), fc.constant(text), fc.array(fc.constantFrom(...HOSTILE_PIECES, "\n"), { maxLength: 30 }).map((p) => p.join("")));
const caseArb: fc.Arbitrary<Case> = fc.constantFrom(...(Object.keys(LOCKFILES) as Array<keyof typeof LOCKFILES>)).chain((lockfile) =>
  fc.record({
    command: fc.constantFrom("check" as const, "audit" as const, "scaffold" as const),
    format: fc.constantFrom("json", "text", "markdown", "csv", "table", "front-matter"),
    policy: fc.option(hostile(POLICY), { nil: undefined }),
    record: hostile(RECORD),
    lockfile: fc.constant(lockfile),
    lockText: hostile(LOCKFILES[lockfile]),
  }),
);

function formatFor(c: Case): string {
  const allowed = { check: ["json", "text", "markdown"], audit: ["json", "text", "markdown", "csv"], scaffold: ["table", "front-matter"] }[c.command];
  return allowed.includes(c.format) ? c.format : allowed[0]!;
}

/**
 * The run in progress and the folders not yet removed: the long run's time limit abandons the run it
 * interrupts, so the end of the file waits for it and removes what it left.
 */
let inFlight: Promise<unknown> = Promise.resolve();
const leftovers = new Set<string>();

// The OSV API stood in for every run (it knows no advisory for these packages): tests never ask the real one.
beforeAll(() => void standInOsv());
afterAll(() => void nock.cleanAll());

afterAll(async () => {
  await inFlight.catch(() => undefined);
  for (const dir of leftovers) rmSync(dir, { recursive: true, force: true });
});

/**
 * One command on a real repository whose base has the real lockfile, a flask pin and a valid record, and
 * whose head has a damaged lockfile, a bumped flask, a damaged record and possibly a damaged policy.
 */
async function runCase(c: Case): Promise<CliResult> {
  // The repository sits alone in a folder of its own, so anything written beside it is seen.
  const outer = mkdtempSync(join(tmpdir(), "soup-gate-fuzz-"));
  const repo = new GitFixture();
  leftovers.add(outer).add(repo.dir);
  try {
    repo.commit({
      [c.lockfile]: LOCKFILES[c.lockfile],
      "services/api/requirements_lock.txt": "flask==3.0.0\n",
      "docs/soup/flask.yml": RECORD.replace("3.0.1", "3.0.0"),
      ...(c.policy === undefined ? {} : { ".github/soup.yml": POLICY }),
    }, "base");
    repo.git("checkout", "--quiet", "-b", "feature");
    repo.commit({
      [c.lockfile]: c.lockText,
      "services/api/requirements_lock.txt": "flask==3.0.1\n",
      "docs/soup/flask.yml": c.record,
      ...(c.policy === undefined ? {} : { ".github/soup.yml": c.policy }),
    }, "head");
    const work = join(outer, "repo");
    mkdirSync(work);
    repo.git("worktree", "add", "--quiet", "--detach", work, "feature");
    const before = repo.git("-C", work, "status", "--porcelain", "--untracked-files=all");

    const format = formatFor(c);
    const args = c.command === "check"
      ? ["check", "--repo", work, "--base", "main", "--head", "feature", "--today", TODAY, "--format", format]
      : c.command === "audit"
        ? ["audit", "--repo", work, "--today", TODAY, "--format", format]
        : ["scaffold", "--repo", work, "--format", format];
    const result = await cli(args);
    checkResult(c, result, format);

    // Nothing is ever written beside the working tree; scaffold writes drafts inside it, or nothing at all.
    expect(readdirSync(outer)).toEqual(["repo"]);
    const after = repo.git("-C", work, "status", "--porcelain", "--untracked-files=all");
    if (c.command !== "scaffold" || result.code === 2) expect(after).toBe(before);
    else for (const line of after.split("\n").filter((l) => l !== "" && !before.includes(l))) expect(line).toMatch(/^\?\? .+\.md$/);
    return result;
  } finally {
    repo.remove();
    rmSync(outer, { recursive: true, force: true });
    leftovers.delete(outer);
    leftovers.delete(repo.dir);
  }
}

function checkResult(c: Case, result: CliResult, format: string): void {
  expect([0, 1, 2]).toContain(result.code);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  if (result.code === 2) {
    expect(result.stderr).toMatch(/^soup-gate: \S/);
    expect(result.stderr.length).toBeLessThan(5000);
    return;
  }
  expect(result.stderr).toBe("");
  expect(result.stdout.length).toBeGreaterThan(0);
  if (c.command === "scaffold") return;
  if (format === "json") {
    const report = JSON.parse(result.stdout) as { conclusion: string };
    expect(report.conclusion).toBe(result.code === 1 ? "failure" : "success");
  }
  // Never a silent pass: flask was bumped to 3.0.1, so a passing check means its record, as damaged,
  // still reads as a complete record of that version (or the damaged policy no longer checks it).
  if (c.command === "check" && result.code === 0 && c.policy === undefined) {
    const outcome = parseRecord("docs/soup/flask.yml", c.record);
    expect(outcome.kind).toBe("record");
    if (outcome.kind !== "record") return;
    expect(outcome.record.problems).toEqual([]);
    expect(outcome.record.versions.some((v) => v.replace(/^v/, "") === "3.0.1" || v.startsWith("3.0.1"))).toBe(true);
  }
}

describe("the command line under fuzzing", () => {
  it("check, audit and scaffold on real repositories with damaged lockfiles, records and policy: exit 0, 1 or 2, a clear message, nothing written where it must not be", async () => {
    await fc.assert(fc.asyncProperty(caseArb, async (c) => void (await (inFlight = runCase(c)))), CLI_OPTIONS);
  }, 600_000);

  it.each([
    ["a policy whose records folder leads out of the repository", "records:\n  path: ../../etc\n"],
    ["a policy whose records folder is .git", "records:\n  path: .git/hooks\n"],
    ["a policy whose records folder is absolute", "records:\n  path: /tmp\n"],
  ])("scaffold refuses %s and writes nothing", async (_, policy) => {
    const result = await runCase({ command: "scaffold", format: "front-matter", policy, record: RECORD, lockfile: "requirements.txt", lockText: LOCKFILES["requirements.txt"] });
    expect([result.code, result.stderr]).toEqual([2, expect.stringMatching(/^soup-gate: --dir must be a folder inside the repository/)]);
  });
});
