import { writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { FakeRepo } from "./fake-repo.js";
import { record, requirements } from "./fixtures.js";
import { loadApp } from "./github.js";
import { GitHubServer } from "./github-server.js";
import { requestProblems, resetRequestProblems } from "./openapi.js";
import { checkSuiteRerequested, delivery, pullRequestEvent } from "./payloads.js";

// GitHub gives an installation 5,000 requests an hour. One evaluation's requests must not grow with the
// number of records: with 300 records and a pull request bumping packages in two lockfiles, at most 20
// cold (a process that has read nothing yet) and 10 for a later push that changes neither lockfiles nor
// records — and no blob the process has already read is fetched again.
const COLD_BUDGET = 20;
const WARM_BUDGET = 10;

const npmName = (i: number) => `npm-pkg-${String(i).padStart(3, "0")}`;
const pypiName = (i: number) => `py-pkg-${String(i).padStart(3, "0")}`;

/**
 * A lockfileVersion 3 package-lock.json (as npm 9+ writes it) and its package.json: the first ten packages
 * are direct dependencies, and package i (from 10 on) is a dependency of package i mod 10.
 */
function npmProject(count: number, versions: Record<string, string>): { lock: string; manifest: string } {
  const version = (name: string) => versions[name] ?? "1.0.0";
  const direct = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [npmName(i), `^${version(npmName(i))}`]));
  const packages: Record<string, object> = { "": { name: "device", version: "1.0.0", dependencies: direct } };
  for (let i = 0; i < count; i += 1) {
    const name = npmName(i);
    const needs = Array.from({ length: count }, (_, j) => j).filter((j) => j >= 10 && j % 10 === i && i < 10);
    packages[`node_modules/${name}`] = {
      version: version(name),
      resolved: `https://registry.npmjs.org/${name}/-/${name}-${version(name)}.tgz`,
      integrity: `sha512-${Buffer.from(name + version(name)).toString("base64")}`,
      license: "MIT",
      ...(needs.length > 0 ? { dependencies: Object.fromEntries(needs.map((j) => [npmName(j), `^${version(npmName(j))}`])) } : {}),
    };
  }
  return {
    lock: `${JSON.stringify({ name: "device", version: "1.0.0", lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
    manifest: `${JSON.stringify({ name: "device", version: "1.0.0", dependencies: direct }, null, 2)}\n`,
  };
}

/** A device repository: 150 npm and 150 PyPI packages, each with its record covering 1.0.0 and 1.1.0. */
function deviceRepository(repo: FakeRepo, records = 300) {
  const half = records / 2;
  const files: Record<string, string> = { ".github/soup.yml": "records:\n  path: docs/soup\nscope:\n  transitive: true\n", "src/main.c": "int main(void) { return 0; }\n" };
  const npm = npmProject(half, {});
  files["package-lock.json"] = npm.lock;
  files["package.json"] = npm.manifest;
  files["services/inference/requirements_lock.txt"] = requirements(Object.fromEntries(Array.from({ length: half }, (_, i) => [pypiName(i), "1.0.0"])));
  for (let i = 0; i < half; i += 1) {
    files[`docs/soup/npm/${npmName(i)}.md`] = record(npmName(i), ["1.0.0", "1.1.0"], { ecosystem: "npm" });
    files[`docs/soup/pypi/${pypiName(i)}.md`] = record(pypiName(i), ["1.0.0", "1.1.0"], { ecosystem: "pypi" });
  }
  const base = repo.commit(files);
  // The pull request: a direct npm package and a transitive one, two pinned PyPI packages.
  const bumped = npmProject(half, { [npmName(0)]: "1.1.0", [npmName(100)]: "1.1.0" });
  const pins = Object.fromEntries(Array.from({ length: half }, (_, i) => [pypiName(i), i < 2 ? "1.1.0" : "1.0.0"]));
  const head = repo.commit({ "package-lock.json": bumped.lock, "package.json": bumped.manifest, "services/inference/requirements_lock.txt": requirements(pins) }, base);
  // A later push that changes neither lockfiles nor records.
  const later = repo.commit({ "src/main.c": "int main(void) { return 1; }\n" }, head);
  return { base, head, later, config: files[".github/soup.yml"]! };
}

let server: GitHubServer;
let repo: FakeRepo;

beforeEach(() => {
  nock.disableNetConnect();
  resetRequestProblems();
  repo = new FakeRepo();
  server = new GitHubServer(repo);
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("the API budget of one App process", () => {
  test(`300 records, two lockfiles bumped: at most ${COLD_BUDGET} requests cold and ${WARM_BUDGET} on a later push or a re-run, no blob fetched twice`, async () => {
    const { base, head, later, config } = deviceRepository(repo);
    server.config = config;
    const probot = await loadApp();

    server.pull(7, head, base);
    await probot.receive(delivery("cold", pullRequestEvent({ action: "opened", number: 7, head, base })));
    const cold = server.countSince(0);
    const servedCold = server.blobsServed.length;

    server.pull(7, later, base);
    const mark = server.requests.length;
    await probot.receive(delivery("warm", pullRequestEvent({ action: "synchronize", number: 7, head: later, base, before: head })));
    const warm = server.countSince(mark);

    // "Re-run all checks" on that head: the comparison, the trees and the blobs are all known.
    const rerunMark = server.requests.length;
    await probot.receive(delivery("rerun", checkSuiteRerequested({ headSha: later, pullRequests: [7] })));
    const rerun = server.countSince(rerunMark);

    // Every evaluation did its whole work: checked the four bumps against their records, posted both
    // checks and one comment.
    for (const commit of [head, later]) {
      expect(server.runs.filter((r) => r.head_sha === commit && r.name === "SOUP records")).toHaveLength(commit === later ? 2 : 1);
      expect(server.latestRun("SOUP records", commit)).toMatchObject({ status: "completed", conclusion: "success", output: { title: "4 dependency changes covered by reviewed records" } });
      expect(server.latestRun("SOUP approval", commit)).toMatchObject({ conclusion: "action_required" });
    }
    expect(server.comments).toHaveLength(1);
    expect(requestProblems).toStrictEqual([]);

    report({ cold, warm, rerun, blobsCold: servedCold, blobsWarm: server.blobsServed.length - servedCold });
    expect(new Set(server.blobsServed).size).toBe(server.blobsServed.length);
    expect(server.blobsServed.length).toBe(servedCold);
    // Over budget, the failure lists every request by kind.
    const within = (count: typeof cold, budget: number) => (count.total <= budget ? "within budget" : count);
    expect({ cold: within(cold, COLD_BUDGET), warm: within(warm, WARM_BUDGET), rerun: within(rerun, WARM_BUDGET) }).toEqual({ cold: "within budget", warm: "within budget", rerun: "within budget" });
  }, 60_000);
});

/** `npm run bench` reads the counts from here (the test asserts them either way). */
function report(counts: object): void {
  const file = process.env.SOUP_GATE_REQUEST_COUNTS;
  if (file) writeFileSync(file, `${JSON.stringify(counts, null, 2)}\n`);
}
