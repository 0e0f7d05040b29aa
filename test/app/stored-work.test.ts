import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { FakeRepo } from "./fake-repo.js";
import { record, requirements } from "./fixtures.js";
import { KNOWS_NO_ADVISORY, loadApp, storedJobs } from "./github.js";
import { GitHubServer } from "./github-server.js";
import { requestProblems, resetRequestProblems } from "./openapi.js";
import { delivery, pullRequestEvent } from "./payloads.js";

const TIMM = "docs/soup/timm.md";
const SERVER_ERROR: [number, unknown] = [502, { message: "Server Error" }];

let repo: FakeRepo;
let github: GitHubServer;
let base: string;
let first: string;
let second: string;

beforeEach(() => {
  nock.disableNetConnect();
  resetRequestProblems();
  repo = new FakeRepo();
  github = new GitHubServer(repo);
  base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22", "1.0.23", "1.0.24"]) });
  first = repo.commit({ "requirements.txt": requirements({ timm: "1.0.23" }) }, base);
  second = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, first);
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** GitHub answers 502 to everything but the installation token and the first `SOUP records` run's creation. */
function githubDownAfterTheFirstRun(): { up: () => void } {
  let down = true;
  let creations = 0;
  github.fault = (method, path) => {
    if (!down || path.endsWith("/access_tokens")) return undefined;
    if (method === "POST" && path.endsWith("/check-runs") && creations++ === 0) return undefined;
    return SERVER_ERROR;
  };
  return { up: () => (down = false) };
}

async function until(done: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 200 && !(await done()); tries += 1) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe("work stored between attempts", () => {
  test("a run left in progress by a failed attempt, then replaced by a newer push, completes as cancelled naming the newer head", async () => {
    const probot = await loadApp(KNOWS_NO_ADVISORY);
    const github2 = githubDownAfterTheFirstRun();
    github.pull(2, first, base);
    await probot.receive(delivery("d-1", pullRequestEvent({ action: "opened", number: 2, head: first, base })));
    expect(github.latestRun("SOUP records", first)).toMatchObject({ status: "in_progress" });
    const [waiting, ...others] = await storedJobs();
    expect(others).toEqual([]);
    expect(waiting).toMatchObject({ headSha: first, runId: github.latestRun("SOUP records", first)!.id, lastError: expect.stringContaining("GitHub answered 502") });

    github2.up();
    github.pull(2, second, base);
    await probot.receive(delivery("d-2", pullRequestEvent({ action: "synchronize", number: 2, head: second, base, before: first })));

    expect(github.latestRun("SOUP records", first)).toMatchObject({ status: "completed", conclusion: "cancelled", output: { title: `Superseded by ${second.slice(0, 7)}` } });
    expect(github.latestRun("SOUP records", first)!.output!.summary).toContain(second);
    expect(github.latestRun("SOUP records", second)).toMatchObject({ status: "completed", conclusion: "success" });
    expect(github.latestRun("SOUP approval", second)).toMatchObject({ status: "completed" });
    expect(await storedJobs()).toEqual([]);
    expect(requestProblems).toEqual([]);
  });

  test("a redelivery adds no work; another delivery for a head waiting out a backoff tries it again at once, as the same job", async () => {
    const probot = await loadApp(KNOWS_NO_ADVISORY);
    const github2 = githubDownAfterTheFirstRun();
    github.pull(2, first, base);
    await probot.receive(delivery("d-1", pullRequestEvent({ action: "opened", number: 2, head: first, base })));
    const requests = github.requests.length;

    await probot.receive(delivery("d-1", pullRequestEvent({ action: "opened", number: 2, head: first, base })));
    expect(github.requests.length).toBe(requests);

    github2.up();
    await probot.receive(delivery("d-2", pullRequestEvent({ action: "ready_for_review", number: 2, head: first, base })));
    expect(github.runs.filter((r) => r.name === "SOUP records").map((r) => [r.head_sha, r.status, r.conclusion])).toEqual([[first, "completed", "success"]]);
    expect(github.latestRun("SOUP records", first)!.output!.title).toBe("1 dependency change covered by reviewed records");
    expect(await storedJobs()).toEqual([]);
    expect(requestProblems).toEqual([]);
  });

  test("a run GitHub created while the App never learnt its id (the answer was lost) is found and completed by the next attempt", async () => {
    const probot = await loadApp(KNOWS_NO_ADVISORY);
    let lost = false;
    github.fault = (method, path) => {
      if (lost || method !== "POST" || !path.endsWith("/check-runs")) return undefined;
      lost = true;
      github.runs.push({ id: 999, name: "SOUP records", head_sha: first, status: "in_progress", external_id: "2" });
      return SERVER_ERROR;
    };
    github.pull(2, first, base);
    await probot.receive(delivery("d-1", pullRequestEvent({ action: "opened", number: 2, head: first, base })));
    const [waiting] = await storedJobs();
    expect(waiting).toMatchObject({ attempts: 1, runId: undefined });

    await probot.receive(delivery("d-2", pullRequestEvent({ action: "ready_for_review", number: 2, head: first, base })));

    expect(github.runs.filter((r) => r.name === "SOUP records").map((r) => [r.id, r.status, r.conclusion])).toEqual([[999, "completed", "success"]]);
    expect(await storedJobs()).toEqual([]);
    expect(requestProblems).toEqual([]);
  });

  test("a check still in progress past SOUP_GATE_STUCK_MINUTES is completed as a failure that says why", async () => {
    // A bound of 6 ms, and a retry 200 ms after the first attempt failed: the second attempt finds its run stuck.
    const probot = await loadApp(KNOWS_NO_ADVISORY, { jobs: { stuckMinutes: 0.0001, retryBaseMs: 200, pollMs: 5 } });
    const github2 = githubDownAfterTheFirstRun();
    github.pull(2, first, base);
    await probot.receive(delivery("d-1", pullRequestEvent({ action: "opened", number: 2, head: first, base })));
    github2.up();

    await until(async () => (await storedJobs()).length === 0);

    const run = github.latestRun("SOUP records", first);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run!.output!.title).toMatch(/^SOUP check could not complete: soup-gate could not complete this check within 0.0001 minutes \(1 failed attempt; the last: GitHub answered 502 to PATCH \/repos\/acme\/device\/check-runs\/\d+ \(Server Error\)\)$/);
    expect(github.latestRun("SOUP approval", first)).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(github.runs.filter((r) => r.name === "SOUP records")).toHaveLength(1);
    expect(requestProblems).toEqual([]);
  });

  test("a database that cannot be opened: the evaluation is done in the process, and both checks complete", async () => {
    const down = { path: "", database: () => Promise.reject(new Error("cannot open the database /data/soup-gate.sqlite: disk I/O error")), dispose: async () => {} };
    const probot = await loadApp(KNOWS_NO_ADVISORY, { database: down.database });
    github.pull(2, first, base);

    await probot.receive(delivery("d-1", pullRequestEvent({ action: "opened", number: 2, head: first, base })));

    expect(github.latestRun("SOUP records", first)).toMatchObject({ status: "completed", conclusion: "success" });
    expect(github.latestRun("SOUP approval", first)).toMatchObject({ status: "completed" });
    expect(requestProblems).toEqual([]);
  });
});
