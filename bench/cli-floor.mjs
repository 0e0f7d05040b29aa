#!/usr/bin/env node
// The floor `soup-gate check` is measured against: node reading the lockfile at both commits from git and
// JSON.parse-ing the two texts, nothing else. Usage: node bench/cli-floor.mjs REPO BASE HEAD
import { execFileSync } from "node:child_process";

const [repo, base, head] = process.argv.slice(2);
for (const commit of [base, head]) {
  const text = execFileSync("git", ["-C", repo, "cat-file", "blob", `${commit}:package-lock.json`], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (typeof JSON.parse(text) !== "object") process.exitCode = 1;
}
