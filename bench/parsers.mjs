#!/usr/bin/env node
// npm run bench: soup-gate's lockfile parsers beside the raw JSON/YAML/TOML parse of the same text and
// beside the reference parsers (@yarnpkg/lockfile, @pnpm/lockfile.fs, snyk-nodejs-lockfile-parser), in one
// run on one machine. Reported as ratios: absolute times say more about the machine than the code.
// Memory: heap retained by one parse result, after a forced GC (run with --expose-gc, as the script does).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import yarnLockfile from "@yarnpkg/lockfile";
import { readWantedLockfile } from "@pnpm/lockfile.fs";
import yaml from "js-yaml";
import * as smolToml from "smol-toml";
import { parseNpmLockV2Project, parsePnpmProject, parseYarnLockV1Project, parseYarnLockV2Project } from "snyk-nodejs-lockfile-parser";
import { Bench } from "tinybench";
import { parseLockfile, findFormat } from "../lib/lockfiles/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "lockfiles");
const read = (path) => readFileSync(join(root, path), "utf8");
const ours = (path, text, manifest) => () => {
  const outcome = parseLockfile(findFormat(path), text, { path, manifest });
  if (!outcome.ok) throw new Error(`${path}: ${outcome.error.message}`);
  return outcome.dependencies;
};
const snykOptions = { includeDevDeps: true, includeOptionalDeps: true, strictOutOfSync: false, pruneCycles: true };

const cases = [];
{
  const dir = "npm-lock-v2/snyk__npm-lock-v2-goof";
  const text = read(`${dir}/package-lock.json`), manifest = read(`${dir}/package.json`);
  cases.push({ name: "package-lock.json v2 (goof, 442 KB)", ours: ours("package-lock.json", text, manifest), raw: ["JSON.parse", () => JSON.parse(text)],
    refs: [["snyk parseNpmLockV2Project", () => parseNpmLockV2Project(manifest, text, snykOptions)]] });
}
{
  const dir = "yarn-v1/snyk__yarn-lock-v1-real-goof";
  const text = read(`${dir}/yarn.lock`), manifest = read(`${dir}/package.json`);
  cases.push({ name: "yarn.lock v1 (goof, 141 KB)", ours: ours("yarn.lock", text, manifest), raw: ["@yarnpkg/lockfile parse", () => yarnLockfile.parse(text)],
    refs: [["@yarnpkg/lockfile parse", () => yarnLockfile.parse(text)], ["snyk parseYarnLockV1Project", () => parseYarnLockV1Project(manifest, text, snykOptions)]] });
}
{
  const dir = "yarn-berry/snyk__yarn-lock-v4-real-goof";
  const text = read(`${dir}/yarn.lock`), manifest = read(`${dir}/package.json`);
  cases.push({ name: "yarn.lock berry v8 (goof, 204 KB)", ours: ours("yarn.lock", text, manifest), raw: ["js-yaml load", () => yaml.load(text)],
    refs: [["snyk parseYarnLockV2Project", () => parseYarnLockV2Project(manifest, text, snykOptions)]] });
}
{
  const dir = "pnpm-v9/snyk__pnpm-lock-v9-goof";
  const text = read(`${dir}/pnpm-lock.yaml`), manifest = read(`${dir}/package.json`);
  cases.push({ name: "pnpm-lock.yaml v9 (goof, 108 KB)", ours: ours("pnpm-lock.yaml", text, manifest), raw: ["js-yaml load", () => yaml.load(text)],
    refs: [["@pnpm/lockfile.fs readWantedLockfile (incl. file read)", () => readWantedLockfile(join(root, dir), { ignoreIncompatible: false })],
      ["snyk parsePnpmProject", () => parsePnpmProject(manifest, text, snykOptions)]] });
}
{
  const text = read("uv-lock/trivy__uv_normal.lock");
  cases.push({ name: "uv.lock (trivy, 61 KB)", ours: ours("uv.lock", text), raw: ["smol-toml parse", () => smolToml.parse(text)], refs: [] });
}
{
  const text = read("poetry-lock/trivy__poetry_v2_flask.lock");
  cases.push({ name: "poetry.lock 2.x (trivy, 18 KB)", ours: ours("poetry.lock", text), raw: ["smol-toml parse", () => smolToml.parse(text)], refs: [] });
}

/** Heap kept alive by one parse result: ten results are held at once to rise above the GC's noise. */
async function retained(fn) {
  if (!global.gc) return NaN;
  const kept = [];
  for (let round = 0; round < 3; round++) global.gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 10; i++) kept.push(await fn());
  for (let round = 0; round < 3; round++) global.gc();
  const after = process.memoryUsage().heapUsed;
  if (kept.some((k) => k === undefined)) throw new Error("nothing returned");
  return (after - before) / kept.length;
}

const ratio = (a, b) => (a / b).toFixed(2);
const lines = ["| lockfile | soup-gate vs raw parse | soup-gate vs reference | retained heap, soup-gate vs reference |", "|---|---|---|---|"];
for (const c of cases) {
  const bench = new Bench({ time: 400, warmupTime: 100 });
  bench.add("soup-gate", c.ours);
  bench.add(`raw: ${c.raw[0]}`, c.raw[1]);
  for (const [name, fn] of c.refs) if (name !== c.raw[0]) bench.add(name, fn);
  await bench.run();
  const mean = (name) => bench.tasks.find((t) => t.name === name).result.latency.mean;
  const oursMean = mean("soup-gate");
  const vsRaw = `${ratio(oursMean, mean(`raw: ${c.raw[0]}`))}× ${c.raw[0]}`;
  const vsRefs = c.refs.map(([name]) => `${ratio(oursMean, mean(name === c.raw[0] ? `raw: ${name}` : name))}× ${name}`).join("<br>") || "—";
  const oursHeap = await retained(c.ours);
  const refHeaps = [];
  for (const [name, fn] of c.refs) refHeaps.push(`${ratio(oursHeap, await retained(fn))}× ${name.split(" ")[0]}`);
  lines.push(`| ${c.name} | ${vsRaw} | ${vsRefs} | ${refHeaps.join("<br>") || "—"} |`);
  process.stderr.write(`measured ${c.name}\n`);
}
console.log("Time per parse, as a ratio (below 1 = soup-gate is faster):\n");
console.log(lines.join("\n"));
