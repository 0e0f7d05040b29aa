import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { runAudit } from "../../src/cli/audit-command.js";
import { runCheck } from "../../src/cli/check-command.js";
import { runGit, type GitRunner } from "../../src/cli/git.js";
import { GitFixture } from "./git-fixture.js";

// A command's cost must not grow with one git process per file: 3,000 records took 46 s when each was its
// own `git cat-file`. Counted, not timed: the same commands on 3 and on 3,000 records start as many git
// processes.

const TODAY = "2026-11-26";
const record = (i: number) => `---\nsoup:\n  package: pkg-${i}\n  ecosystem: pypi\n  versions: ["1.0.0", "1.1.0"]\n  last_review_date: 2026-10-01\n---\n# pkg-${i}\n`;
const pins = (count: number, bumped: number) => Array.from({ length: count }, (_, i) => `pkg-${i}==${i < bumped ? "1.1.0" : "1.0.0"}\n`).join("");

/** A repository with `records` records and a requirements file of as many packages; head bumps two. */
function repository(records: number): { repo: GitFixture; base: string; head: string } {
  const repo = new GitFixture();
  // No advisory source: the test counts git processes, and never reaches the network.
  const files: Record<string, string> = { ".github/soup.yml": "anomalies:\n  source: off\n", "requirements.txt": pins(records, 0) };
  for (let i = 0; i < records; i += 1) files[`docs/soup/pkg-${i}.md`] = record(i);
  const base = repo.commit(files);
  const head = repo.commit({ "requirements.txt": pins(records, 2) });
  return { repo, base, head };
}

/** Runs `command` with a git runner that keeps each process's first arguments, in the order they start. */
async function processes(command: (run: GitRunner) => Promise<unknown>): Promise<string[]> {
  const started: string[] = [];
  await command((repo, args) => {
    started.push(args.slice(0, 2).join(" "));
    return runGit(repo, args);
  });
  return started;
}

describe("git processes per command", () => {
  let few: ReturnType<typeof repository>;
  let many: ReturnType<typeof repository>;
  beforeAll(() => {
    few = repository(3);
    many = repository(3000);
  }, 120_000);
  afterAll(() => {
    few.repo.remove();
    many.repo.remove();
  });

  test("check: as many git processes for 3,000 records as for 3, and the verdict read all of them", async () => {
    const check = (r: typeof few) => (run: GitRunner) => runCheck({ repo: r.repo.dir, base: r.base, head: r.head, format: "json", today: TODAY }, run);
    const [small, large] = [await processes(check(few)), await processes(check(many))];
    expect(large).toEqual(small);
    // Both refs, the policy, both lockfiles and every record come from one `git cat-file --batch`; each
    // commit's files from one `git ls-tree`.
    expect([...large].sort()).toEqual(["cat-file --batch", "ls-tree -r", "ls-tree -r"]);
    const { evaluation } = await check(many)(runGit);
    expect(evaluation.conclusion).toBe("success");
    expect(evaluation.changes.map((c) => c.record)).toEqual(["docs/soup/pkg-0.md", "docs/soup/pkg-1.md"]);
  }, 60_000);

  test("audit: as many git processes for 3,000 records as for 3", async () => {
    const audit = (r: typeof few) => (run: GitRunner) => runAudit({ repo: r.repo.dir, format: "json", today: TODAY }, run);
    const [small, large] = [await processes(audit(few)), await processes(audit(many))];
    expect(large).toEqual(small);
    // The ref, the policy, the lockfile and every record from one `git cat-file --batch`; the files from
    // one `git ls-tree`; the repository's name for the report from its remote.
    expect([...large].sort()).toEqual(["cat-file --batch", "ls-tree -r", "remote get-url"]);
    const { audit: result } = await audit(many)(runGit);
    expect(result.items.filter((item) => item.record)).toHaveLength(3000);
  }, 60_000);
});
