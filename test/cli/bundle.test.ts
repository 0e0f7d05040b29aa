import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { cli } from "../../src/cli/main.js";
import { EXAMPLES, example } from "./examples.js";
import { GitFixture } from "./git-fixture.js";

// The `soup-gate` command users install is the bundle scripts/bundle-cli.mjs writes (package.json "bin"),
// not the modules the other tests import: run as a process, it must answer exactly as they do.

const ROOT = join(import.meta.dirname, "../..");
const TODAY = "2026-11-26";


describe("the installed soup-gate command (the bundle)", () => {
  let out: string;
  let repo: GitFixture;
  beforeAll(() => {
    // Under the project, so that the bundle finds node_modules as lib/bin does.
    const cache = join(ROOT, "node_modules", ".cache");
    mkdirSync(cache, { recursive: true });
    out = mkdtempSync(join(cache, "soup-gate-bundle-"));
    const built = spawnSync(process.execPath, [join(ROOT, "scripts", "bundle-cli.mjs"), out], { encoding: "utf8" });
    if (built.status !== 0) throw new Error(`scripts/bundle-cli.mjs failed:\n${built.stdout}${built.stderr}`);
    repo = new GitFixture();
    repo.commit(example("base", TODAY), "base");
    repo.git("checkout", "--quiet", "-b", "feature");
    repo.commit(example("head", TODAY), "bump");
  });
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    repo.remove();
  });

  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [join(out, "soup-gate.js"), ...args], { encoding: "utf8" });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it.each([
    ["check, as JSON", ["check", "--repo", "REPO", "--base", "main", "--head", "feature", "--today", TODAY, "--advisories", join(EXAMPLES, "advisories"), "--format", "json"]],
    ["check, as text", ["check", "--repo", "REPO", "--base", "main", "--head", "feature", "--today", TODAY, "--advisories", join(EXAMPLES, "advisories")]],
    ["audit", ["audit", "--repo", "REPO", "--ref", "feature", "--today", TODAY, "--advisories", join(EXAMPLES, "advisories")]],
    ["help", ["help"]],
    ["a mistyped option", ["check", "--bsae", "main"]],
  ])("%s: the same output and exit code as the modules", async (_, template) => {
    const args = template.map((arg) => (arg === "REPO" ? repo.dir : arg));
    const expected = await cli(args);
    const actual = run(...args);
    expect(actual).toEqual({ code: expected.code, stdout: expected.stdout, stderr: expected.stderr });
    expect(actual.stdout.length + actual.stderr.length).toBeGreaterThan(0);
  });

  it("loads no package and no command before the command runs", () => {
    const loaded = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const [, spec] of readFileSync(join(out, file), "utf8").matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)";/gms)) {
        if (spec!.startsWith("./")) visit(join(file, "..", spec!));
        else if (!spec!.startsWith("node:")) packages.add(spec!);
      }
    };
    visit("soup-gate.js");
    expect([...packages]).toEqual([]);
    expect([...loaded].filter((file) => /command|check-changes|lockfiles/.test(file))).toEqual([]);
    expect(readFileSync(join(out, "soup-gate.js"), "utf8")).toMatch(/await import\("\.\/parts\/check-command-[\w-]+\.js"\)/);
  });

  it("fails the check the demo's bump fails, with exit code 1", () => {
    const result = run("check", "--repo", repo.dir, "--base", "main", "--head", "feature", "--today", TODAY, "--advisories", join(EXAMPLES, "advisories"), "--format", "json");
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { conclusion: string }).conclusion).toBe("failure");
  });
});
