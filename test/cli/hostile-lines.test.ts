import { appendFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { cli } from "../../src/cli/main.js";
import { repositoryName } from "../../src/cli/repository-name.js";
import { hostileRun } from "../fuzz/hostile-line.js";
import { GitFixture } from "./git-fixture.js";

describe("command-line values of a megabyte", () => {
  let repo: GitFixture;
  beforeAll(() => {
    repo = new GitFixture();
    repo.commit({ "requirements.txt": "flask==3.0.0\n" });
  });
  afterAll(() => repo.remove());

  it("scaffold --dir with a million trailing slashes writes into the folder it names", async () => {
    const result = await cli(["scaffold", "--repo", repo.dir, "--dir", `drafts${hostileRun("/")}`]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(existsSync(join(repo.dir, "drafts/flask.md"))).toBe(true);
  });

  it.each([
    ["a million ../ segments", hostileRun("../")],
    ["a million slashes", hostileRun("/")],
    ["a million ./ segments", hostileRun("./")],
  ])("scaffold --dir of %s is refused, with exit status 2 and nothing written", async (_, dir) => {
    const before = repo.git("status", "--porcelain", "--untracked-files=all");
    const result = await cli(["scaffold", "--repo", repo.dir, "--dir", dir]);
    expect(repo.git("status", "--porcelain", "--untracked-files=all")).toBe(before);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^soup-gate: --dir must be a folder inside the repository/);
  });

  it("names the repository by an origin URL of a million characters without a scheme", async () => {
    // Written into .git/config directly: a command-line argument cannot be a megabyte long.
    appendFileSync(join(repo.dir, ".git/config"), `[remote "origin"]\n\turl = ${hostileRun("a@")}b\n`);
    expect(await repositoryName(repo.dir)).toBe(`${hostileRun("a@").slice(2)}b`);
  });
});
