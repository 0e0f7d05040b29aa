#!/usr/bin/env node
// Builds the git repository the command-line figures are measured on: package-lock.json (lockfileVersion 3)
// with 10,000 packages at two commits — the head bumps 200 of them, 20 of those direct — with package.json
// and a SOUP record for each of the 100 direct dependencies. Usage: node bench/cli-repository.mjs DIR
// Prints the base and head commits.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node bench/cli-repository.mjs DIR");
const PACKAGES = 10_000;
const DIRECT = 100;
const name = (i) => (i % 7 === 0 ? `@scope${i % 13}/pkg-${i}` : `pkg-${i}`);
const git = (...args) => execFileSync("git", ["-C", dir, ...args], { encoding: "utf8" }).trim();

function project(bumped) {
  const version = (i) => (bumped.has(i) ? "1.1.0" : "1.0.0");
  const direct = Object.fromEntries(Array.from({ length: DIRECT }, (_, i) => [name(i), `^${version(i)}`]));
  const packages = { "": { name: "device", version: "1.0.0", dependencies: direct } };
  for (let i = 0; i < PACKAGES; i += 1) {
    // Package i (from DIRECT on) is a dependency of package i mod DIRECT: every package is reachable.
    const needs = i < DIRECT ? Array.from({ length: Math.floor((PACKAGES - 1 - i) / DIRECT) }, (_, k) => i + (k + 1) * DIRECT) : [];
    packages[`node_modules/${name(i)}`] = {
      version: version(i),
      resolved: `https://registry.npmjs.org/${name(i)}/-/pkg-${i}-${version(i)}.tgz`,
      integrity: `sha512-${Buffer.from(`${name(i)}@${version(i)}`).toString("base64")}`,
      license: "MIT",
      ...(needs.length > 0 ? { dependencies: Object.fromEntries(needs.map((j) => [name(j), `^${version(j)}`])) } : {}),
    };
  }
  return {
    "package-lock.json": `${JSON.stringify({ name: "device", version: "1.0.0", lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
    "package.json": `${JSON.stringify({ name: "device", version: "1.0.0", dependencies: direct }, null, 2)}\n`,
  };
}

function write(files) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  git("add", "-A");
  git("-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "commit");
  return git("rev-parse", "HEAD");
}

mkdirSync(dir, { recursive: true });
git("init", "-q", "-b", "main");
const records = Object.fromEntries(
  Array.from({ length: DIRECT }, (_, i) => [
    `docs/soup/${name(i).replace("/", "-").replace("@", "")}.md`,
    `---\ntitle: "${name(i)}"\nsoup:\n  package: "${name(i)}"\n  ecosystem: npm\n  manufacturer: Example maintainers\n  versions: ["1.0.0", "1.1.0"]\n  latest_reviewed: "1.1.0"\n  last_review_date: 2026-01-10\n---\n# ${name(i)}\n`,
  ]),
);
// No advisory source: the figure is soup-gate's own work, not a network round trip to an advisory database.
const base = write({ ".github/soup.yml": "records:\n  path: docs/soup\nanomalies:\n  source: off\n", ...records, ...project(new Set()) });
const head = write(project(new Set(Array.from({ length: 200 }, (_, k) => (k < 20 ? k * 5 : DIRECT + k * 47)))));
console.log(`${base} ${head}`);
