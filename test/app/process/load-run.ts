// The load run of `npm run bench:load` (started by bench/load.mjs after `npm run build`): one built App
// process, a GitHub stand-in on this machine, 20 pull requests in 4 repositories, each opened and pushed
// twice, every delivery sent three times. Prints one line of JSON: the slowest pull request's time from its
// last push to both checks completed, and the requests GitHub received.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requestProblems } from "../openapi.js";
import { AppProcess, type Delivery } from "./app-process.js";
import { GitHubHttpStandIn } from "./github-http-stand-in.js";
import { pushDelivery, runsOf, scenario, settled } from "./scenario.js";

const installations = process.env.LOAD_INSTALLATIONS === "one" ? "one" : "each";
const PUSH_INTERVAL_MS = 2_000;
const LIMIT_MS = 600_000;

const dir = mkdtempSync(join(tmpdir(), "soup-gate-load-"));
const github = new GitHubHttpStandIn();
await github.start();
const pulls = scenario(github, { repositories: 4, perRepository: 5, pushes: 2, installations });
const app = await AppProcess.start(github.host, { SOUP_GATE_DB: join(dir, "soup-gate.sqlite") }, { LOG_LEVEL: "warn", SOUP_GATE_LEASE_SECONDS: "30", SOUP_GATE_RETRY_SECONDS: "5" });
const started = Date.now();
const lastPush = new Map<number, number>();
const answers: Array<Promise<number>> = [];
const send = (delivery: Delivery) => answers.push(app.deliver(delivery));

try {
  for (let k = 0; k <= 2; k += 1) {
    if (k > 0) await new Promise((resolve) => setTimeout(resolve, PUSH_INTERVAL_MS));
    pulls.forEach((pull, i) => {
      const delivery = pushDelivery(pull, k, `load-${i}-${k}`);
      lastPush.set(i, Date.now());
      // GitHub's delivery and two redeliveries of it (same X-GitHub-Delivery).
      for (let copy = 0; copy < 3; copy += 1) send(delivery);
    });
  }
  const settledAt = new Map<number, number>();
  while (settledAt.size < pulls.length && Date.now() - started < LIMIT_MS) {
    pulls.forEach((pull, i) => {
      if (!settledAt.has(i) && settled(pull)) settledAt.set(i, Date.now());
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const statuses = await Promise.all(answers);
  const waits = pulls.map((_, i) => ((settledAt.get(i) ?? Number.NaN) - lastPush.get(i)!) / 1000);
  const writes = github.received.filter((r) => r.method !== "GET" && r.path !== "/graphql" && !r.path.endsWith("/access_tokens") && !r.path.startsWith("/osv/"));
  const evaluations = pulls.reduce((n, pull) => n + pull.heads.reduce((m, head) => m + runsOf(pull, "SOUP records", head).length, 0), 0);
  console.log(
    JSON.stringify({
      installations,
      pullRequests: pulls.length,
      deliveries: answers.length,
      answered: Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length])),
      settled: settledAt.size,
      slowestSeconds: Math.max(...waits),
      medianSeconds: waits.sort((a, b) => a - b)[Math.floor(waits.length / 2)],
      totalSeconds: (Math.max(...settledAt.values()) - started) / 1000,
      requests: github.received.length,
      writes: writes.length,
      graphql: github.count(/^POST \/graphql$/),
      evaluations,
      headsPushed: pulls.length * 3,
      problems: requestProblems.length,
    }),
  );
} finally {
  await app.stop();
  await github.stop();
  rmSync(dir, { recursive: true, force: true });
}
