#!/usr/bin/env node
// npm run bench, part two: the command line as a whole process, timed from outside and paired with a
// yardstick run by run (A B A B …), the median of the per-pair ratios reported, so that a machine whose
// speed drifts moves both alike: `soup-gate help` against a bare `node -e 0`, and `soup-gate check` on two
// 10,000-package package-lock.json files against the floor (node reading both from git and JSON.parse-ing
// them, bench/cli-floor.mjs). Wall-clock time; run it on a quiet machine.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// The command as installed (package.json "bin": the bundle scripts/bundle-cli.mjs writes), and tsc's
// module-per-file output of the same code beside it.
const cli = join(here, "..", "lib", "bin", "soup-gate.js");
const unbundled = join(here, "..", "lib", "cli", "main.js");
const PAIRS = Number(process.env.PAIRS ?? 15);

function wall(args) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0 && run.status !== 1) throw new Error(`node ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return seconds;
}

/** Median of A/B over paired runs, after one warm-up of each; also each side's median time. */
function paired(a, b) {
  wall(a);
  wall(b);
  const ratios = [], as = [], bs = [];
  for (let i = 0; i < PAIRS; i += 1) {
    // Alternate which goes first, so that neither always runs on a machine the other has just warmed.
    let ta, tb;
    if (i % 2 === 0) [ta, tb] = [wall(a), wall(b)];
    else [tb, ta] = [wall(b), wall(a)];
    as.push(ta);
    bs.push(tb);
    ratios.push(ta / tb);
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
  return { ratio: median(ratios), a: median(as), b: median(bs) };
}

const dir = mkdtempSync(join(tmpdir(), "soup-gate-cli-"));
try {
  const made = spawnSync(process.execPath, [join(here, "cli-repository.mjs"), dir], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(made.stderr);
  const [base, head] = made.stdout.trim().split(" ");
  const check = ["check", "--repo", dir, "--base", base, "--head", head, "--format", "json"];
  const floor = [join(here, "cli-floor.mjs"), dir, base, head];
  const rows = [
    ["`soup-gate help`", "`node -e 0`", paired([cli, "help"], ["-e", "0"])],
    ["`soup-gate check` (10,000 packages, 200 bumped, 100 records)", "floor: git + `JSON.parse` of both lockfiles", paired([cli, ...check], floor)],
    ["the same `check`, unbundled (lib/cli/main.js)", "the same floor", paired([unbundled, ...check], floor)],
  ];
  console.log(`The command line as a whole process, wall clock, median of ${PAIRS} paired runs:\n`);
  console.log("| command | against | ratio | soup-gate | yardstick |\n|---|---|---|---|---|");
  for (const [a, b, r] of rows) console.log(`| ${a} | ${b} | **${r.ratio.toFixed(2)}×** | ${r.a.toFixed(3)} s | ${r.b.toFixed(3)} s |`);
  console.log("");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
