#!/usr/bin/env node
// npm run bench:load: a busy morning. The built App (lib/, `probot run`) in one process against a GitHub
// stand-in on this machine: 20 pull requests in 4 repositories, each opened and pushed twice two seconds
// apart, every delivery sent three times. Reported: the slowest pull request's time from its last push to
// both checks completed (target 60 s), and the requests GitHub received — with the 4 repositories in one
// installation (one throttle clock) and in four (one clock each, as Probot keys its throttle).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
for (const installations of ["each", "one"]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", join(root, "test", "app", "process", "load-run.ts")], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "--no-warnings", LOAD_INSTALLATIONS: installations },
    encoding: "utf8",
  });
  const line = run.stdout.trim().split("\n").at(-1) ?? "";
  if (run.status !== 0 || !line.startsWith("{")) {
    process.stderr.write(run.stdout + run.stderr);
    throw new Error("the load run failed");
  }
  const r = JSON.parse(line);
  console.log(
    `Load, ${r.pullRequests} pull requests in 4 repositories (${installations === "each" ? "one installation each" : "one installation"}), ` +
      `${r.deliveries} deliveries (${r.headsPushed} pushes, each sent 3 times):\n` +
      `  slowest pull request, last push to both checks completed: ${r.slowestSeconds.toFixed(1)} s (median ${r.medianSeconds.toFixed(1)} s; target 60 s)\n` +
      `  all settled after ${r.totalSeconds.toFixed(1)} s; ${r.settled}/${r.pullRequests} settled; answers ${JSON.stringify(r.answered)}\n` +
      `  GitHub requests: ${r.requests} in all, ${r.writes} writes, ${r.graphql} GraphQL; ${r.evaluations} evaluations for ${r.headsPushed} heads pushed; ${r.problems} invalid requests\n`,
  );
}
