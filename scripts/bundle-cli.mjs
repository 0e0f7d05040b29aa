#!/usr/bin/env node
// The `soup-gate` command as installed (package.json "bin"): the command line's own modules bundled into a
// few files by esbuild, straight from src/, one file per part a command loads when it runs (the entry, each
// command, each lockfile format). Node's ES module loader opens, resolves and links every file apart, and the
// command line loads about a hundred of ours: bundled, `check` spends about 7 % less time (bench/cli.mjs
// prints both). Packages stay imports of node_modules, as they are for lib/ (nothing of theirs is copied).
// Run by `npm run build`, after tsc; `node scripts/bundle-cli.mjs DIR` writes the bundle to DIR instead (a
// folder under the project, where node_modules can be found from).
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = resolve(process.argv[2] ?? join(root, "lib", "bin"));

// Parts are named by their content's hash: those of an earlier build go first.
rmSync(join(outdir, "parts"), { recursive: true, force: true });
await build({
  entryPoints: { "soup-gate": join(root, "src", "cli", "main.ts") },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.18",
  packages: "external",
  chunkNames: "parts/[name]-[hash]",
  tsconfig: join(root, "tsconfig.build.json"),
  logLevel: "warning",
});
