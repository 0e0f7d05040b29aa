#!/usr/bin/env node
import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { addDays, toIsoDate } from "../core/dates.js";
import { gitOutput } from "./git.js";
import { cli } from "./main.js";

/**
 * `npm run demo`: builds a throw-away repository from examples/ — a base commit and a pull-request-like
 * commit on a branch — and runs `soup-gate check` on it, as a developer would before opening the PR.
 */
async function demo(): Promise<number> {
  const examples = fileURLToPath(new URL("../../examples/", import.meta.url));
  const repo = await mkdtemp(join(tmpdir(), "soup-gate-demo-"));
  const today = toIsoDate(new Date());
  const run = (...args: string[]) => gitOutput(repo, args);

  await run("init", "--quiet", "--initial-branch=main");
  await run("config", "user.name", "Demo Developer");
  await run("config", "user.email", "developer@example.com");
  await copyFilled(join(examples, "base"), repo, today);
  await run("add", "--all");
  await run("commit", "--quiet", "-m", "Dermascope 2.3.0 with reviewed SOUP records");
  await run("checkout", "--quiet", "-b", "bump-dependencies");
  await copyFilled(join(examples, "head"), repo, today);
  await run("add", "--all");
  await run("commit", "--quiet", "-m", "Bump express, helmet, fastapi and timm; add zod");

  // The published advisories come from a folder of real OSV records, so the demo needs no network and
  // reads the same every time.
  const advisories = join(examples, "advisories");
  process.stdout.write(`Demo repository: ${repo}\n$ soup-gate check --repo ${repo} --base main --head bump-dependencies --advisories ${advisories}\n\n`);
  const result = await cli(["check", "--repo", repo, "--base", "main", "--head", "bump-dependencies", "--advisories", advisories]);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.stdout.write(
    `soup-gate check exited ${result.code}${result.code === 1 ? " (a failure finding: this pull request would be blocked until its records are fixed)" : ""}.\n` +
      `Try --format markdown (the pull-request comment) or --format json on the same repository.\n`,
  );
  return result.code === 2 ? 2 : 0;
}

/** Copies a folder, replacing `{{days_ago:N}}` with the date N days ago so the demo reads the same on any day. */
async function copyFilled(from: string, to: string, today: string): Promise<void> {
  await cp(from, to, { recursive: true });
  for (const entry of await readdir(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const target = join(to, entry.parentPath.slice(from.length), entry.name);
    const text = await readFile(target, "utf8");
    const filled = text.replace(/\{\{days_ago:(\d+)\}\}/g, (_, days: string) => addDays(today, -Number(days)));
    if (filled !== text) await writeFile(target, filled);
  }
}

process.exitCode = await demo();
