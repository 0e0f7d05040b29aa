import { writeFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { cli } from "../../src/cli/main.js";
import { standInOsv } from "../anomalies/osv-stand-in.js";
import { GitFixture } from "./git-fixture.js";

const TODAY = "2026-11-26";
const BOMB = ["b0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]", ...Array.from({ length: 8 }, (_, i) => `b${i + 1}: &b${i + 1} [${Array(9).fill(`*b${i}`).join(", ")}]`)].join("\n");

interface Report {
  conclusion: string;
  findings: Array<{ code: string; message: string }>;
}

describe("soup-gate check with a hostile policy or record", () => {
  let repo: GitFixture;
  beforeEach(() => {
    // The OSV API stood in: it knows no advisory for flask.
    standInOsv();
    repo = new GitFixture();
    repo.commit({ "requirements.txt": "flask==3.0.0\n" }, "base");
    repo.git("checkout", "--quiet", "-b", "feature");
  });
  afterEach(() => {
    nock.cleanAll();
    repo.remove();
  });

  const check = async (...args: string[]) => {
    const result = await cli(["check", "--repo", repo.dir, "--base", "main", "--head", "feature", "--today", TODAY, "--format", "json", ...args]);
    expect(result.stderr).toBe("");
    return { code: result.code, report: JSON.parse(result.stdout) as Report };
  };

  it.each(["records: *b8", "ignore: *b8", "review:\n  interval_days: *b8", "approval:\n  teams: *b8"])("an alias bomb in the policy (%s) fails the check as config-invalid", async (line) => {
    writeFileSync(join(repo.dir, "soup.yml"), `${BOMB}\n${line}\n`);
    repo.commit({ "requirements.txt": "flask==3.0.1\n" });
    const { code, report } = await check("--config", join(repo.dir, "soup.yml"));
    expect(code).toBe(1);
    const invalid = report.findings.find((f) => f.code === "config-invalid");
    expect(invalid?.message.length).toBeLessThan(6000);
  });

  it("a policy interval of 100000000 days is config-invalid, and the default interval applies", async () => {
    repo.commit({ ".github/soup.yml": "review:\n  interval_days: 100000000\n", "docs/soup/flask.yml": `package: flask\nversions: ["3.0.1"]\nlast_review_date: 2026-01-26\n` });
    repo.git("checkout", "--quiet", "main");
    repo.git("merge", "--quiet", "--ff-only", "feature");
    repo.git("checkout", "--quiet", "feature");
    repo.commit({ "requirements.txt": "flask==3.0.1\n" });
    const { code, report } = await check();
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.code, f.message])).toEqual([
      ["config-invalid", ".github/soup.yml is invalid — the defaults apply until it is fixed:\n- review.interval_days: expected a whole number of days from 1 to 36500 (100 years), got 100000000"],
    ]);
  });

  it("a record interval of 100000000 days is record-invalid, never `Invalid time value`", async () => {
    repo.commit({ "requirements.txt": "flask==3.0.1\n", "docs/soup/flask.yml": `package: flask\nversions: ["3.0.1"]\nlast_review_date: 2026-01-26\nreview_interval_days: 100000000\n` });
    const { code, report } = await check();
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.code)).toEqual(["record-invalid"]);
    expect(report.findings[0]!.message).toMatch(/review_interval_days "100000000" must be a whole number of days from 1 to 36500/);
  });
});
