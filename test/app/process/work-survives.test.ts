import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, jest, test } from "@jest/globals";
import { requestProblems, resetRequestProblems } from "../openapi.js";
import { DATABASES, type TestDatabase } from "../../history/test-databases.js";
import { AppProcess, buildApp, until } from "./app-process.js";
import { GitHubHttpStandIn } from "./github-http-stand-in.js";
import { describePulls, pushDelivery, runsOf, scenario, settled, type ScenarioPull } from "./scenario.js";

// The built App in real processes (`probot run`), against a GitHub stand-in on this machine that validates
// every request: accepted work survives a killed process, writes GitHub refuses for a while, and replicas
// that receive the same deliveries. Leases last 2 s and the first retry waits 1 s here (settings of the App).

jest.setTimeout(180_000);

let github: GitHubHttpStandIn;
let apps: AppProcess[];
let dir: string;

beforeAll(() => buildApp());

beforeEach(async () => {
  resetRequestProblems();
  github = new GitHubHttpStandIn();
  await github.start();
  apps = [];
  dir = mkdtempSync(join(tmpdir(), "soup-gate-work-"));
});

afterEach(async () => {
  await Promise.all(apps.map((app) => app.kill()));
  await github.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function start(database: { SOUP_GATE_DB: string } | { DATABASE_URL: string }): Promise<AppProcess> {
  const app = await AppProcess.start(github.host, database);
  apps.push(app);
  return app;
}

async function settle(pulls: ScenarioPull[]): Promise<void> {
  await until(() => pulls.every(settled), 90_000, () => `${describePulls(pulls)}\n${apps.map((a) => a.output.slice(-3000)).join("\n---\n")}`);
}

/**
 * Every head evaluated at most once, and the last one exactly once, with a passing result, in one run; one
 * comment. An attempt that failed after posting the approval run leaves it, and the next attempt posts the
 * run GitHub shows (the newest): `approvalRuns` says how many there are.
 */
function expectEachEvaluatedOnce(pulls: ScenarioPull[], approvalRuns = 1): void {
  for (const pull of pulls) {
    const last = pull.heads.at(-1)!;
    expect(runsOf(pull, "SOUP records", last).map((r) => [r.status, r.conclusion])).toEqual([["completed", "success"]]);
    expect(runsOf(pull, "SOUP approval", last).map((r) => r.status)).toEqual(Array(approvalRuns).fill("completed"));
    for (const head of pull.heads) expect(runsOf(pull, "SOUP records", head).length).toBeLessThanOrEqual(1);
    expect(pull.github.comments).toHaveLength(1);
  }
}

test("a process killed mid-evaluation: the next one started on the same database completes every check", async () => {
  const database = { SOUP_GATE_DB: join(dir, "soup-gate.sqlite") };
  const pulls = scenario(github, { repositories: 1, perRepository: 3, pushes: 0 });
  // Every evaluation stops at its comparison, after its check run was created in progress.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  github.hold = (method, path) => (method === "GET" && path.includes("/compare/") ? held : undefined);

  const first = await start(database);
  const statuses = await Promise.all(pulls.map((pull, i) => first.deliver(pushDelivery(pull, 0, `open-${i}`))));
  await until(() => github.count(/^GET .*\/compare\//) === pulls.length, 30_000, () => first.output);
  expect(statuses.every((s) => s === 200 || s === 202)).toBe(true);
  expect(pulls.map((p) => runsOf(p, "SOUP records", p.heads[0]!).map((r) => r.status))).toEqual(pulls.map(() => ["in_progress"]));

  await first.kill();
  github.hold = undefined;
  release();
  await start(database);

  await settle(pulls);
  // The runs the killed process created are the ones completed: nothing is left in progress beside new ones.
  expectEachEvaluatedOnce(pulls);
  expect(requestProblems).toEqual([]);
});

test("every write of a run fails (502) for a while, then succeeds: the run completes with its result", async () => {
  const database = { SOUP_GATE_DB: join(dir, "soup-gate.sqlite") };
  const [pull] = scenario(github, { repositories: 1, perRepository: 1, pushes: 0 });
  let refused = 0;
  // Every write of the `SOUP records` run (the first run created) fails long enough that the first attempt
  // fails for good: its completing update and the failing-closed one, each through Octokit's 3 retries.
  github.fault = (method, path) => (method === "PATCH" && path.endsWith(`/check-runs/${pull!.github.runs[0]?.id}`) && refused++ < 8 ? [502, { message: "Server Error" }] : undefined);

  const app = await start(database);
  expect([200, 202]).toContain(await app.deliver(pushDelivery(pull!, 0, "open")));

  await settle([pull!]);
  expect(refused).toBeGreaterThanOrEqual(8);
  expectEachEvaluatedOnce([pull!], 2);
  expect(app.output).toContain("will try");
  expect(requestProblems).toEqual([]);
});

test("creating the first run fails for a while: the work stays and is tried again until the checks complete", async () => {
  const database = { SOUP_GATE_DB: join(dir, "soup-gate.sqlite") };
  const [pull] = scenario(github, { repositories: 1, perRepository: 1, pushes: 0 });
  let refused = 0;
  github.fault = (method, path) => (method === "POST" && path.endsWith("/check-runs") && refused++ < 5 ? [502, { message: "Server Error" }] : undefined);

  const app = await start(database);
  expect([200, 202]).toContain(await app.deliver(pushDelivery(pull!, 0, "open")));

  await settle([pull!]);
  expect(refused).toBeGreaterThanOrEqual(5);
  expectEachEvaluatedOnce([pull!]);
  expect(requestProblems).toEqual([]);
});

describe.each(DATABASES)("two processes sharing one database on %s", (_name, createDatabase) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createDatabase();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.kill()));
    await db.dispose();
  });

  test("receiving the same deliveries (each twice) evaluate each head once", async () => {
    const env = db.env as { SOUP_GATE_DB: string } | { DATABASE_URL: string };
    const pulls = scenario(github, { repositories: 2, perRepository: 2, pushes: 1 });
    const [a, b] = [await start(env), await start(env)];

    for (const k of [0, 1]) {
      const deliveries = pulls.map((pull, i) => pushDelivery(pull, k, `push-${k}-${i}`));
      const statuses = await Promise.all(deliveries.flatMap((d) => [a.deliver(d), b.deliver(d), a.deliver(d), b.deliver(d)]));
      expect(statuses.every((s) => s === 200 || s === 202)).toBe(true);
    }

    await settle(pulls);
    expectEachEvaluatedOnce(pulls);
    expect(requestProblems).toEqual([]);
  });
});
