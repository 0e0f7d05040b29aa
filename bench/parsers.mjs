#!/usr/bin/env node
// npm run bench: soup-gate's lockfile parsers beside the raw JSON/YAML/TOML parse of the same text and
// beside the reference parsers (@yarnpkg/lockfile, @pnpm/lockfile.fs, snyk-nodejs-lockfile-parser), in one
// run on one machine. Reported as ratios: absolute times say more about the machine than the code.
// Against the raw parse, the target's own measure (paired runs, the median of their ratios), both as parses
// follow each other and with the heap collected before each; and the mean over a loop, collections
// included. The three disagree by up to 0.15 on one file: the raw parse itself is up to 1.8× faster
// when the object layouts of the parse before are still alive, and soup-gate's work is not.
// Memory: heap retained by one parse result, after a forced GC (run with --expose-gc, as the script does).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import yarnLockfile from "@yarnpkg/lockfile";
import { parseSyml } from "@yarnpkg/parsers";
import { readWantedLockfile } from "@pnpm/lockfile.fs";
import yaml from "js-yaml";
import * as smolToml from "smol-toml";
import { buildDepTree, parseNpmLockV2Project, parsePnpmProject, parseYarnLockV1Project, parseYarnLockV2Project } from "snyk-nodejs-lockfile-parser";
import { Bench } from "tinybench";
import { LOCKFILE_FORMATS, parseLoaded } from "../lib/lockfiles/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "lockfiles");
const read = (path) => readFileSync(join(root, path), "utf8");
// Every parser loaded before timing: a parse is measured, not the first import of its module.
const formats = await Promise.all(LOCKFILE_FORMATS.map((format) => format.load()));
// As check and the App read a lockfile: lines found on demand, for the packages a report names. Where a
// parser finds them so, `.every` is the same parse with every line found, as audit needs them.
const ours = (path, text, manifest) => {
  const format = formats.find((candidate) => candidate.matches(path));
  const parse = (lines) => () => {
    const outcome = parseLoaded(format, text, { path, manifest }, lines);
    if (!outcome.ok) throw new Error(`${path}: ${outcome.error.message}`);
    return outcome.dependencies;
  };
  const onDemand = parse("on demand");
  const probe = parseLoaded(format, text, { path, manifest }, "on demand");
  if (probe.ok && probe.locate) onDemand.every = parse("all");
  return onDemand;
};
const snykOptions = { includeDevDeps: true, includeOptionalDeps: true, strictOutOfSync: false, pruneCycles: true };

const cases = [];

// Real lockfiles of large public projects, when bench/real-lockfiles/ holds them (bench/real-lockfiles.json
// names each one's repository, commit and licence). The raw parse is what the format's own tool reads the
// text with: JSON.parse, Yarn's parseSyml, smol-toml.
const benchDir = dirname(fileURLToPath(import.meta.url));
const realDir = join(benchDir, "real-lockfiles");
const absent = [];
for (const entry of JSON.parse(readFileSync(join(benchDir, "real-lockfiles.json"), "utf8")).lockfiles) {
  if (!existsSync(join(realDir, entry.file))) {
    absent.push(entry.file);
    continue;
  }
  const text = readFileSync(join(realDir, entry.file), "utf8");
  const manifest = entry.manifest ? readFileSync(join(realDir, entry.manifest), "utf8") : undefined;
  const raws = {
    "JSON.parse": () => JSON.parse(text),
    parseSyml: () => parseSyml(text),
    "smol-toml": () => smolToml.parse(text),
    "@yarnpkg/lockfile": () => yarnLockfile.parse(text),
    // pnpm 10 writes a lockfile of two YAML documents; the raw parse reads them all, as soup-gate does.
    "js-yaml loadAll": () => yaml.loadAll(text),
  };
  const refs = [];
  if (entry.as === "package-lock.json") {
    refs.push(/"lockfileVersion": 1/.test(text.slice(0, 200))
      ? ["snyk buildDepTree", () => buildDepTree(manifest, text, true, "npm", false)]
      : ["snyk parseNpmLockV2Project", () => parseNpmLockV2Project(manifest, text, snykOptions)]);
  }
  if (entry.as === "yarn.lock") {
    refs.push(entry.raw === "@yarnpkg/lockfile"
      ? ["snyk parseYarnLockV1Project", () => parseYarnLockV1Project(manifest, text, snykOptions)]
      : ["snyk parseYarnLockV2Project", () => parseYarnLockV2Project(manifest, text, snykOptions)]);
  }
  cases.push({ name: `${entry.name} (${Math.round(Buffer.byteLength(text) / 1024)} KB)`, ours: ours(entry.as, text, manifest), raw: entry.raw ? [entry.raw, raws[entry.raw]] : undefined, refs, real: true });
}
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
  cases.push({ name: "yarn.lock berry v8 (goof, 204 KB)", ours: ours("yarn.lock", text, manifest), raw: ["parseSyml", () => parseSyml(text)],
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

// Scaling: the goof lockfiles again and again, each copy's packages renamed (`c7-express`), generated here
// rather than committed. Sizes near 20 MB: large next to the fixtures, small next to the 100 MB limit.
const LARGE = 20 * 1024 * 1024;
const renamed = (name, prefix) => (name.startsWith("@") ? name.replace("/", `/${prefix}`) : prefix + name);
const renameKeys = (map, prefix) => map && Object.fromEntries(Object.entries(map).map(([name, value]) => [renamed(name, prefix), value]));

function syntheticManifest(manifest, copies) {
  const { dependencies = {}, devDependencies = {} } = JSON.parse(manifest);
  const prefixes = Array.from({ length: copies }, (_, k) => `c${k}-`);
  return JSON.stringify({
    dependencies: Object.assign({}, ...prefixes.map((prefix) => renameKeys(dependencies, prefix))),
    devDependencies: Object.assign({}, ...prefixes.map((prefix) => renameKeys(devDependencies, prefix))),
  });
}

/** Block headers (`a@^1, "@s/b@^2":`) and dependency lines (`    "@s/b" "^2"`) name packages; nothing else does. */
function syntheticYarnV1(text, manifest) {
  const body = text.slice(text.indexOf("\n\n\n") + 3);
  const copies = Math.ceil(LARGE / body.length);
  const parts = ["# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n"];
  for (let k = 0; k < copies; k++) {
    const prefix = `c${k}-`;
    const lines = body.split("\n").map((line) => {
      if (line === "" || line.startsWith("#")) return line;
      if (!line.startsWith(" ")) return line.replace(/(^|, )("?)((?:@[^/"]+\/)?)/g, `$1$2$3${prefix}`);
      return line.startsWith("    ") ? line.replace(/^( {4}"?)((?:@[^/"]+\/)?)/, `$1$2${prefix}`) : line;
    });
    parts.push(lines.join("\n"), "\n");
  }
  return { text: parts.join(""), manifest: syntheticManifest(manifest, copies) };
}

/** lockfileVersion 3 (`packages` only, as npm 9+ writes it), every install path and dependency renamed per copy. */
function syntheticPackageLock(text, manifest) {
  const lock = JSON.parse(text);
  const entries = Object.entries(lock.packages).filter(([path]) => path !== "");
  const copies = Math.ceil(LARGE / JSON.stringify(Object.fromEntries(entries), null, 2).length);
  const root = lock.packages[""];
  const packages = { "": { ...root, dependencies: {}, devDependencies: {} } };
  for (let k = 0; k < copies; k++) {
    const prefix = `c${k}-`;
    Object.assign(packages[""].dependencies, renameKeys(root.dependencies, prefix));
    Object.assign(packages[""].devDependencies, renameKeys(root.devDependencies, prefix));
    for (const [path, entry] of entries) {
      const renamedPath = path.replace(/node_modules\/((?:@[^/]+\/)?)/g, `node_modules/$1${prefix}`);
      const copy = { ...entry };
      for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) if (copy[field]) copy[field] = renameKeys(copy[field], prefix);
      packages[renamedPath] = copy;
    }
  }
  const synthetic = { name: lock.name, version: lock.version, lockfileVersion: 3, requires: true, packages };
  return { text: `${JSON.stringify(synthetic, null, 2)}\n`, manifest: syntheticManifest(manifest, copies) };
}

const megabytes = (text) => `${(Buffer.byteLength(text) / 1024 / 1024).toFixed(0)} MB`;
{
  const dir = "npm-lock-v2/snyk__npm-lock-v2-goof";
  const { text, manifest } = syntheticPackageLock(read(`${dir}/package-lock.json`), read(`${dir}/package.json`));
  cases.push({ name: `package-lock.json v3 (goof ×, ${megabytes(text)})`, ours: ours("package-lock.json", text, manifest), raw: ["JSON.parse", () => JSON.parse(text)],
    refs: [], large: true });
}
{
  const dir = "yarn-v1/snyk__yarn-lock-v1-real-goof";
  const { text, manifest } = syntheticYarnV1(read(`${dir}/yarn.lock`), read(`${dir}/package.json`));
  cases.push({ name: `yarn.lock v1 (goof ×, ${megabytes(text)})`, ours: ours("yarn.lock", text, manifest), raw: ["@yarnpkg/lockfile parse", () => yarnLockfile.parse(text)],
    refs: [["@yarnpkg/lockfile parse", () => yarnLockfile.parse(text)]], large: true });
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

/**
 * soup-gate's parse ÷ the raw parse, as the target is stated: paired runs in one process (raw then
 * soup-gate, then the other way round), the ratio of each pair, the median of the ratios. `collect`
 * collects the heap before every call, so that each parse is like the first of a process (a check's),
 * every object layout new; without it, parses follow each other as in a process that parses again and
 * again (the App's). Returns NaN without --expose-gc when asked to collect.
 */
function paired(ours, raw, pairs, collect) {
  if (collect && !global.gc) return NaN;
  const time = (fn) => {
    if (collect) global.gc();
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  ours();
  raw();
  const ratios = [];
  for (let pair = 0; pair < pairs; pair++) {
    let r, o;
    if (pair % 2 === 0) {
      r = time(raw);
      o = time(ours);
    } else {
      o = time(ours);
      r = time(raw);
    }
    ratios.push(o / r);
  }
  return median(ratios);
}
const EVERY = "soup-gate, every line found";
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
// Other work on the machine shifts single runs by tens of percent: each small case runs in three rounds
// (the tasks in turn, in alternating order) and the table shows the median of the rounds' ratios.
const ROUNDS = 3;
// BENCH_ONLY=text measures only the lockfiles whose name holds it (e.g. BENCH_ONLY=npm/cli).
const only = process.env.BENCH_ONLY;
const lines = ["| lockfile | soup-gate vs raw parse | soup-gate vs reference | retained heap, soup-gate vs reference |", "|---|---|---|---|"];
for (const c of cases.filter((c) => !only || c.name.includes(only))) {
  // A real lockfile soup-gate refuses is a finding of its own: say so in the table, measure nothing.
  try {
    c.ours();
  } catch (error) {
    lines.push(`| ${c.name} | **refused**: ${error.message.replace(/\|/g, "\\|")} | — | — |`);
    process.stderr.write(`refused ${c.name}\n`);
    continue;
  }
  const every = c.ours.every ? [[EVERY, c.ours.every]] : [];
  const tasks = [["soup-gate", c.ours], ...every, ...(c.raw ? [[c.raw[0], c.raw[1]]] : []), ...c.refs.filter(([name]) => name !== c.raw?.[0])];
  const ratios = new Map(tasks.map(([name]) => [name, []]));
  const everyRatios = [];
  for (let round = 0; round < (c.large ? 1 : ROUNDS); round++) {
    // A 20 MB parse takes a good fraction of a second: a fixed number of iterations rather than a time budget.
    const bench = c.large ? new Bench({ time: 0, iterations: 6, warmupIterations: 1, warmupTime: 0 }) : new Bench({ time: 300, warmupTime: 100 });
    for (const [name, fn] of round % 2 === 0 ? tasks : [...tasks].reverse()) bench.add(name, fn);
    await bench.run();
    const mean = (name) => bench.tasks.find((t) => t.name === name).result.latency.mean;
    for (const [name] of tasks) ratios.get(name).push(mean("soup-gate") / mean(name));
    if (c.raw && every.length > 0) everyRatios.push(mean(EVERY) / mean(c.raw[0]));
  }
  const versus = (name) => `${median(ratios.get(name)).toFixed(2)}× ${name}`;
  const pairs = c.large ? 7 : 61;
  const vsRaw = c.raw
    ? `**${paired(c.ours, c.raw[1], pairs, false).toFixed(2)}×** ${c.raw[0]}<br>after a collection: ${paired(c.ours, c.raw[1], pairs, true).toFixed(2)}×<br>loop mean: ${median(ratios.get(c.raw[0])).toFixed(2)}×` +
      (everyRatios.length > 0 ? `<br>(every line found, loop mean: ${median(everyRatios).toFixed(2)}×)` : "")
    : "—";
  const vsRefs = c.refs.map(([name]) => versus(name)).join("<br>") || "—";
  // Ten results of a 20 MB parse held at once say little more than the small files do, at great cost.
  const oursHeap = c.large ? NaN : await retained(c.ours);
  const refHeaps = [];
  if (!c.large) for (const [name, fn] of c.refs) refHeaps.push(`${ratio(oursHeap, await retained(fn))}× ${name.split(" ")[0]}`);
  lines.push(`| ${c.name} | ${vsRaw} | ${vsRefs} | ${refHeaps.join("<br>") || "—"} |`);
  process.stderr.write(`measured ${c.name}\n`);
}
console.log(
  "Time per parse, as a ratio (below 1 = soup-gate is faster). Against the raw parse: the median of paired runs, as parses follow each other and with the heap collected before each; then the mean over a loop of parses, collections included (small files: median of three rounds), which is also how the reference parsers are compared:\n",
);
console.log(lines.join("\n"));
if (absent.length > 0) console.log(`\nNot measured, absent from bench/real-lockfiles/ (see bench/real-lockfiles.json): ${absent.join(", ")}`);
