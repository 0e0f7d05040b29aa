#!/usr/bin/env node
// npm run bench:million: `soup-gate check` and `soup-gate audit` on a requirements file of a million pins
// (PINS to change it), in every format, through the real command line in a child process. Each run must
// answer (exit 0 or 1) or refuse with a clear message (exit 2, no stack trace); the table shows the
// exit status, the output size, the time and the peak memory of each. Output is counted, not kept.
// SOUP_BENCH_LIB names another build to measure (an older commit's lib/).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PINS = Number(process.env.PINS ?? 1_000_000);
const main = join(process.env.SOUP_BENCH_LIB ?? join(dirname(fileURLToPath(import.meta.url)), "..", "lib"), "cli", "main.js");
const repo = mkdtempSync(join(tmpdir(), "soup-gate-million-"));
const git = (...args) => execFileSync("git", ["-C", repo, ...args], { stdio: "pipe" });

const pins = (version) => Array.from({ length: PINS }, (_, i) => `package-${i}==${version(i)}`).join("\n");
git("init", "--quiet", "--initial-branch=main");
git("config", "user.name", "Bench");
git("config", "user.email", "bench@example.com");
writeFileSync(join(repo, "requirements.txt"), `${pins(() => "1.0.0")}\n`);
git("add", "--all");
git("commit", "--quiet", "-m", "base");
git("checkout", "--quiet", "-b", "feature");
writeFileSync(join(repo, "requirements.txt"), `${pins((i) => (i % 2 === 0 ? "1.0.1" : "1.0.0"))}\n`);
git("commit", "--quiet", "-am", "bump half");

function run(args) {
  return new Promise((resolve) => {
    const start = performance.now();
    // /usr/bin/time -f reports the child's peak resident memory in KB on stderr's last line.
    const child = spawn("/usr/bin/time", ["-f", "%M", process.execPath, main, ...args, "--repo", repo], { stdio: ["ignore", "pipe", "pipe"] });
    let bytes = 0;
    let stderr = "";
    child.stdout.on("data", (chunk) => (bytes += chunk.length));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => {
      const lines = stderr.trim().split("\n").filter((line) => !line.startsWith("Command exited with non-zero status"));
      const kb = Number(lines.pop());
      resolve({ code, bytes, seconds: (performance.now() - start) / 1000, mb: kb / 1024, stderr: lines.join("\n") });
    });
  });
}

console.log(`${PINS.toLocaleString("en")} pins, half of them bumped; soup-gate ${main}`);
console.log(`${"command".padEnd(34)}${"exit".padEnd(6)}${"output".padEnd(12)}${"time".padEnd(10)}${"peak memory".padEnd(14)}stderr`);
for (const args of [
  ["check", "--base", "main", "--head", "feature", "--format", "json"],
  ["check", "--base", "main", "--head", "feature", "--format", "text"],
  ["check", "--base", "main", "--head", "feature", "--format", "markdown"],
  ["audit", "--format", "json"],
  ["audit", "--format", "text"],
  ["audit", "--format", "markdown"],
  ["audit", "--format", "csv"],
]) {
  const r = await run(args);
  const name = `${args[0]} --format ${args.at(-1)}`;
  const stack = /\n\s+at /.test(r.stderr) ? "  STACK TRACE" : "";
  console.log(`${name.padEnd(34)}${String(r.code).padEnd(6)}${`${(r.bytes / 1048576).toFixed(1)} MB`.padEnd(12)}${`${r.seconds.toFixed(1)} s`.padEnd(10)}${`${r.mb.toFixed(0)} MB`.padEnd(14)}${r.stderr.split("\n")[0].slice(0, 100)}${stack}`);
}
rmSync(repo, { recursive: true, force: true });
