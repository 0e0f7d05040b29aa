#!/usr/bin/env node
// Builds' lockfile parsers side by side, in one process: node --expose-gc bench/parsers-ab.mjs LIB_A LIB_B [LIB_C...] FILE...
// Each LIB is a built lib/ folder (one of an earlier commit: `git archive COMMIT | tar -x -C DIR`,
// a node_modules link beside it, `npx tsc -p tsconfig.build.json`). For each lockfile it prints each
// parser's time ÷ the raw parse of the same text (JSON.parse, or Yarn's parseSyml for yarn.lock): wall
// clock, the heap collected before every call, all in turn in rotating order, median of ROUNDS rounds
// (41 unless set). Two copies of one build side by side show how far apart equal code reads. All parse
// as check does ("on demand" lines; a build from before lines on demand finds every line).
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseSyml } from "@yarnpkg/parsers";

const args = process.argv.slice(2);
const isLockfile = (arg) => /(\.json|\.lock)$/.test(arg);
const libs = args.filter((arg) => !isLockfile(arg));
const files = args.filter(isLockfile);
if (libs.length < 2 || files.length === 0 || typeof globalThis.gc !== "function") {
  console.error("usage: node --expose-gc bench/parsers-ab.mjs LIB_A LIB_B [LIB_C...] FILE...");
  process.exit(2);
}
const load = async (lib) => {
  const parsers = await import(pathToFileURL(resolve(lib, "lockfiles", "index.js")).href);
  return { parsers, formats: await Promise.all(parsers.LOCKFILE_FORMATS.map((format) => format.load())) };
};
const builds = {};
for (const [index, lib] of libs.entries()) builds[String.fromCharCode(65 + index)] = await load(lib);
const ROUNDS = Number(process.env.ROUNDS ?? 41);
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

for (const file of files) {
  const text = readFileSync(file, "utf8");
  const path = file.endsWith("yarn.lock") ? "yarn.lock" : "package-lock.json";
  const parse = ({ parsers, formats }) => {
    const format = formats.find((candidate) => candidate.matches(path));
    return () => parsers.parseLoaded(format, text, { path }, "on demand");
  };
  const tasks = [["raw", path === "yarn.lock" ? () => parseSyml(text) : () => JSON.parse(text)], ...Object.entries(builds).map(([name, build]) => [name, parse(build)])];
  const times = Object.fromEntries(tasks.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < tasks.length; k++) {
      const [name, task] = tasks[(round + k) % tasks.length];
      globalThis.gc();
      const start = performance.now();
      task();
      times[name].push(performance.now() - start);
    }
  }
  const raw = median(times.raw);
  console.log(`${basename(file).padEnd(40)} ${Object.keys(builds).map((name) => `${name} ${(median(times[name]) / raw).toFixed(2)}×`).join("   ")}`);
}
