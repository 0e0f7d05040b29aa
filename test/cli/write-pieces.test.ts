import { cli } from "../../src/cli/main.js";
import { fixture } from "./device-fixtures.js";
import { GitFixture } from "./git-fixture.js";

describe("the command line writes its report in pieces", () => {
  let repo: GitFixture;
  beforeAll(() => {
    repo = new GitFixture();
    repo.commit({ "requirements.txt": "flask==3.0.0\n" }, "base");
    repo.git("checkout", "--quiet", "-b", "feature");
    repo.commit({ "requirements.txt": fixture("lockfiles/requirements-txt/trivy__requirements_hash.txt"), "package-lock.json": fixture("lockfiles/npm-lock-v3/trivy__package-lock_v3.json") }, "head");
  });
  afterAll(() => repo.remove());

  it.each([
    ["check", "json"], ["check", "text"], ["check", "markdown"],
    ["audit", "json"], ["audit", "text"], ["audit", "markdown"], ["audit", "csv"],
  ])("%s --format %s: the same output, whether written as it is made or returned whole", async (command, format) => {
    const args = command === "check" ? ["check", "--repo", repo.dir, "--base", "main", "--head", "feature", "--today", "2026-11-26", "--format", format] : ["audit", "--repo", repo.dir, "--today", "2026-11-26", "--format", format];
    const pieces: string[] = [];
    const streamed = await cli(args, undefined, (piece) => pieces.push(piece));
    const whole = await cli(args);
    expect(whole.stdout.length).toBeGreaterThan(100);
    expect([streamed.code, streamed.stdout, streamed.stderr]).toEqual([whole.code, "", ""]);
    expect(pieces.join("")).toBe(whole.stdout);
    expect(whole.stdout.endsWith("\n")).toBe(true);
  });
});
