#!/usr/bin/env node
// npm run bench, part one: GitHub API requests of one App process evaluating a pull request in a repository
// with 300 SOUP records, cold (nothing read yet) and warm (a later push that changes neither lockfiles nor
// records). The figures come from the request-budget test, which runs the App against a GitHub stand-in that
// answers and counts every request and asserts the budget; this script runs it and prints what it counted.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(join(tmpdir(), "soup-gate-requests-"));
const out = join(dir, "counts.json");
try {
  const run = spawnSync(process.execPath, [join(root, "node_modules", "jest", "bin", "jest.js"), "test/app/request-budget.test.ts", "--silent"], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "--experimental-vm-modules --no-warnings", SOUP_GATE_REQUEST_COUNTS: out },
    encoding: "utf8",
  });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    throw new Error("the request-budget test failed: the counts below the budget could not be measured");
  }
  const counts = JSON.parse(readFileSync(out, "utf8"));
  const runs = [counts.cold, counts.warm, counts.rerun];
  const kinds = [...new Set(runs.flatMap((r) => Object.keys(r.byKind)))];
  const lines = ["| request | cold | warm (a later push) | re-run of that head |", "|---|---|---|---|"];
  for (const kind of kinds) lines.push(`| \`${kind.replace("/repos/acme/device", "")}\` | ${runs.map((r) => r.byKind[kind] ?? 0).join(" | ")} |`);
  lines.push(`| **total** (budget: 20 cold, 10 warm) | ${runs.map((r) => `**${r.total}**`).join(" | ")} |`);
  console.log("GitHub API requests of one evaluation, 300 records, package-lock.json and requirements_lock.txt bumped:\n");
  console.log(lines.join("\n"));
  console.log(`\nBlobs whose content GitHub served: ${counts.blobsCold} cold, ${counts.blobsWarm} warm (none twice).\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
