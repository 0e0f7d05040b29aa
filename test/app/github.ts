import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { Probot, ProbotOctokit, type Logger } from "probot";
import type { AdvisorySource } from "../../src/anomalies/advisory.js";
import { createAppDeps, type AppDeps } from "../../src/app/app-deps.js";
import type { JobSettings } from "../../src/app/job-settings.js";
import type { Database } from "../../src/db/open-database.js";
import { createHistoryStore } from "../../src/history/open-history-store.js";
import type { HistoryStore } from "../../src/history/store.js";
import type { Job } from "../../src/jobs/job.js";
import { JobStore } from "../../src/jobs/job-store.js";

/**
 * The advisory source of the App tests that are not about anomalies: it knows of none. The tests of the
 * known-anomalies check load the App with the real OSV client and stand OSV's API in with nock.
 */
export const KNOWS_NO_ADVISORY: AdvisorySource = { name: "an advisory source that knows no advisory", find: async (queries) => ({ ok: true, advisories: queries.map(() => []) }) };
import app from "../../src/index.js";
import { afterEach, beforeEach, expect } from "@jest/globals";
import { appDatabase, type AppDatabase } from "./app-database.js";
import { APP_ID, CheckRuns } from "./check-runs.js";
import { blobSha, FakeRepo } from "./fake-repo.js";
import { answerGraphql } from "./fake-graphql.js";
import { NOW } from "./fixtures.js";
import { checkGraphqlRequest } from "./graphql-schema.js";
import { requestProblems, resetRequestProblems, validBody, watchRequests } from "./openapi.js";
import { INSTALLATION_ID, pullRequestResource } from "./payloads.js";

const API = "https://api.github.com";
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });

/** Every wait the App asked for (in ms), in order: the tests' sleep returns at once and keeps the count. */
export const waits: number[] = [];

/** The database of the test that is running: a fresh SQLite file each test, shared by every App it loads. */
let database: AppDatabase | undefined;
/** The collaborators of the App loaded last: its history writer, to wait for its retries. */
export let loadedDeps: AppDeps | undefined;

afterEach(async () => {
  await loadedDeps?.history.settled();
  loadedDeps = undefined;
  await database?.dispose();
  database = undefined;
});

/** The database of the running test, which the Apps it loads write to. */
export function testDatabase(): Promise<Database> {
  database ??= appDatabase();
  return database.database();
}

/** The history the App tests' Apps write to. */
export async function appHistory(): Promise<HistoryStore> {
  return createHistoryStore(await testDatabase());
}

/** Blob ids a test expects the App to read through GraphQL, each as often as expected (once, normally). */
const expectedBlobs = new Map<string, number>();

/** What a test changes in the App's collaborators; `jobs` settings are merged into the tests' own. */
export type AppOverrides = Partial<Omit<AppDeps, "jobs">> & { jobs?: Partial<JobSettings> };

/** Jobs are worked when their delivery arrives; nothing polls, and a failed attempt waits for the test to try again. */
const TEST_JOBS: JobSettings = { leaseMs: 30_000, pollMs: undefined, concurrency: 4, retryBaseMs: 60_000, stuckMinutes: 15, owner: "test" };

/** The work the Apps of the running test have stored and not yet done. */
export async function storedJobs(): Promise<Job[]> {
  return new JobStore(await testDatabase()).list();
}

/**
 * A Probot with the App loaded, as Probot's testing guide sets it up (no retries, no throttling), with the
 * App's clock fixed at NOW and a sleep that records its wait instead of waiting.
 */
export async function loadApp(advisories: AdvisorySource = KNOWS_NO_ADVISORY, overrides: AppOverrides = {}, log?: Logger): Promise<Probot> {
  waits.length = 0;
  const probot = new Probot({
    appId: APP_ID,
    privateKey,
    // The App's own error logs would drown the test report; the tests read the check runs instead, or the
    // log they hand in.
    ...(log ? { log } : { logLevel: "fatal" as const }),
    Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  database ??= appDatabase();
  const { jobs, ...rest } = overrides;
  const deps = createAppDeps({ now: () => NOW, sleep: async (ms) => void waits.push(ms), advisories, database: database.database, ...rest, jobs: { ...TEST_JOBS, ...jobs } });
  loadedDeps = deps;
  await probot.load((probotApp, options) => app(probotApp, options, deps));
  return probot;
}

export interface StandIn {
  probot: Probot;
  repo: FakeRepo;
  github: GitHubStandIn;
}

/**
 * Each test gets no network, a freshly loaded App (so an empty blob cache), an empty repository `acme/device`
 * and GitHub's API for it: `useStandIn((t) => ({ probot, repo, github } = t))`.
 */
export function useStandIn(receive: (standIn: StandIn) => void): void {
  beforeEach(async () => {
    nock.disableNetConnect();
    resetRequestProblems();
    expectedBlobs.clear();
    waits.length = 0;
    const repo = new FakeRepo();
    receive({ probot: await loadApp(), repo, github: new GitHubStandIn(repo) });
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}

/** Ends every end-to-end test: each request was valid for GitHub, and each expected one was made. */
export function expectEveryRequestValidAndMade(): void {
  expect(requestProblems).toStrictEqual([]);
  expect(nock.pendingMocks()).toStrictEqual([]);
  expect([...expectedBlobs.keys()].map((sha) => `blob ${sha} was never read`)).toStrictEqual([]);
}

export interface Sent {
  method: string;
  path: string;
  body: any;
}

/** Changed files as GitHub lists them: a path, or a rename with its old name. */
export type ListedFiles = ReadonlyArray<string | { filename: string; previous_filename?: string; status?: string }>;

export interface StoredComment {
  id: number;
  body: string;
  user?: { login: string; type: string };
  created_at?: string;
  /** The App that posted it, as GitHub reports it on comments made with an installation token. */
  performed_via_github_app?: { id: number; slug: string };
}

/**
 * GitHub's REST API for one repository, as nock interceptors that each answer once. Every request is
 * checked against the OpenAPI description; the bodies the App sends are kept in `sent`, in order.
 */
export class GitHubStandIn {
  readonly scope = watchRequests(nock(API));
  readonly sent: Sent[] = [];
  readonly checkRuns: CheckRuns;

  constructor(readonly repo: FakeRepo) {
    this.checkRuns = new CheckRuns(this.scope, repo.path, (method, path, body) => this.sent.push({ method, path, body }));
  }

  private keep(method: string, path: string) {
    return validBody(method, path, (body) => {
      this.sent.push({ method, path, body });
    });
  }

  /** The installation token Probot asks for once per installation (cached afterwards). */
  token(): this {
    this.scope.post(`/app/installations/${INSTALLATION_ID}/access_tokens`, validBody("POST", `/app/installations/${INSTALLATION_ID}/access_tokens`)).reply(201, {
      token: "test-token",
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      permissions: { checks: "write", contents: "read", metadata: "read", pull_requests: "write" },
      repository_selection: "all",
    });
    return this;
  }

  /** `POST /check-runs` for `SOUP records`. */
  createCheckRun(id = 7, headSha?: string): this {
    this.checkRuns.create("SOUP records", id, headSha);
    return this;
  }

  /** `POST /check-runs` for `SOUP approval`. */
  createApprovalRun(id: number, headSha?: string): this {
    this.checkRuns.create("SOUP approval", id, headSha);
    return this;
  }

  updateCheckRun(id = 7, times = 1): this {
    this.checkRuns.update(id, times);
    return this;
  }

  /** The App looks for earlier approval runs on `ref`. */
  approvalRuns(ref: string, options?: { appFilter?: boolean }): this {
    this.checkRuns.listApprovalRuns(ref, options);
    return this;
  }

  /** `GET /pulls/{n}/commits`: each commit's GitHub author and committer logins (null: no account). */
  pullCommits(number: number, commits: ReadonlyArray<{ sha: string; author?: string | null; committer?: string | null }>): this {
    const user = (login: string | null | undefined) => (login ? { login, id: login.length, type: "User" } : null);
    const items = commits.map((c) => ({ sha: c.sha, url: "", html_url: "", comments_url: "", node_id: "", parents: [], commit: { message: "", author: null, committer: null }, author: user(c.author), committer: user(c.committer === undefined ? "web-flow" : c.committer) }));
    this.scope.get(`${this.repo.path}/pulls/${number}/commits`).query({ per_page: "100" }).reply(200, items);
    return this;
  }

  /** `GET /orgs/{org}/teams/{team}/memberships/{user}`: active, pending, or 404 (`null`). */
  teamMembership(team: string, user: string, state: "active" | "pending" | null): this {
    const scope = this.scope.get(`/orgs/${this.repo.owner}/teams/${team}/memberships/${user}`);
    if (state === null) scope.reply(404, { message: "Not Found" });
    else scope.reply(200, { url: "", role: "member", state });
    return this;
  }

  /** `GET /collaborators/{user}/permission`. */
  permission(user: string, roleName: string, permission = roleName === "maintain" ? "write" : roleName === "triage" ? "read" : roleName): this {
    this.scope.get(`${this.repo.path}/collaborators/${user}/permission`).reply(200, { permission, role_name: roleName, user: { login: user } });
    return this;
  }

  /** `POST /issues/comments/{id}/reactions`. */
  reaction(commentId: number): this {
    const path = `${this.repo.path}/issues/comments/${commentId}/reactions`;
    this.scope.post(path, this.keep("POST", path)).reply(201, { id: 1 });
    return this;
  }

  /** `.github/soup.yml` on the default branch; `null`: absent here and in the owner's `.github` repository. */
  config(text: string | null): this {
    const file = `${this.repo.path}/contents/.github%2Fsoup.yml`;
    if (text === null) {
      this.scope.get(file).reply(404, { message: "Not Found" });
      this.scope.get(`/repos/${this.repo.owner}/.github/contents/.github%2Fsoup.yml`).reply(404, { message: "Not Found" });
    } else {
      this.scope.get(file).matchHeader("accept", "application/vnd.github.v3.raw").reply(200, text, { "content-type": "application/vnd.github.v3.raw; charset=utf-8" });
    }
    return this;
  }

  /**
   * `GET /compare/{base}...{head}?per_page=1`: the merge base (`base` unless told) and the files head
   * changes against it, with their blob ids at head — from the repository, unless `files` names them.
   * With `cut`, the list is GitHub's first 300 files and the App must compare the trees itself.
   */
  compare(base: string, head: string, options: { mergeBase?: string; files?: ListedFiles; cut?: boolean } = {}): this {
    const mergeBase = options.mergeBase ?? base;
    const before = this.repo.files(mergeBase);
    const after = this.repo.files(head);
    const listed = options.files ?? [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path)).sort();
    const files = listed.map((f) => {
      const file = typeof f === "string" ? { filename: f } : f;
      const content = after.get(file.filename) ?? before.get(file.filename);
      const status = file.status ?? (!before.has(file.filename) ? "added" : !after.has(file.filename) ? "removed" : "modified");
      return { sha: content === undefined ? null : blobSha(content), status, additions: 1, deletions: 1, changes: 2, blob_url: "", raw_url: "", contents_url: "", ...file };
    });
    this.scope.get(`${this.repo.path}/compare/${base}...${head}`).query({ per_page: "1" }).reply(200, { merge_base_commit: { sha: mergeBase }, files: options.cut ? files.slice(0, 300) : files });
    return this;
  }

  tree(commit: string): this {
    this.repo.serveTree(this.scope, commit);
    return this;
  }

  /** The blobs of these paths at `commit` (of this repository, unless told), each read once through GraphQL. */
  blobs(commit: string, paths: readonly string[], repo = this.repo): this {
    this.repos.set(`${repo.owner}/${repo.name}`, repo);
    const files = repo.files(commit);
    for (const path of paths) {
      const content = files.get(path);
      if (content === undefined) throw new Error(`no ${path} in ${commit}`);
      const sha = blobSha(content);
      expectedBlobs.set(sha, (expectedBlobs.get(sha) ?? 0) + 1);
    }
    this.graphql ??= this.answerBlobQueries();
    return this;
  }

  /** The blobs of these paths at `commit`, each read once through REST's raw media type. */
  restBlobs(commit: string, paths: readonly string[]): this {
    this.repo.serveBlobs(this.scope, commit, paths);
    return this;
  }

  private graphql: nock.Scope | undefined;
  private readonly repos = new Map<string, FakeRepo>();

  /** `POST /graphql`, as often as asked: each blob's text from the repository, only for blobs a test expects. */
  private answerBlobQueries(): nock.Scope {
    const scope = watchRequests(nock(API).persist());
    scope.post("/graphql").reply(200, (_uri, body) => {
      const { parsed } = checkGraphqlRequest(typeof body === "string" ? body : JSON.stringify(body));
      if (!parsed) return { errors: [{ message: "the query is not valid for GitHub's schema" }] };
      return answerGraphql(parsed, (owner, name) => this.repos.get(`${owner}/${name}`), (sha) => {
        const left = expectedBlobs.get(sha);
        if (left === undefined) requestProblems.push(`POST /graphql: read blob ${sha}, which the test did not expect (or expected fewer times)`);
        else if (left > 1) expectedBlobs.set(sha, left - 1);
        else expectedBlobs.delete(sha);
      });
    });
    return scope;
  }

  /** `GET /pulls/{n}`: the pull request as it is now. */
  pull(number: number, head: string, base: string, options: { author?: string; state?: "open" | "closed" } = {}): this {
    this.scope.get(`${this.repo.path}/pulls/${number}`).reply(200, pullRequestResource({ number, head, base, ...options }));
    return this;
  }

  comments(number: number, comments: readonly StoredComment[]): this {
    const listed = comments.map((c, i) => ({ user: { login: "soup-gate[bot]", type: "Bot" }, created_at: `2026-01-0${1 + i}T00:00:00Z`, ...c }));
    this.scope.get(`${this.repo.path}/issues/${number}/comments`).query({ per_page: "100" }).reply(200, listed);
    return this;
  }

  createComment(number: number, id: number): this {
    const path = `${this.repo.path}/issues/${number}/comments`;
    this.scope.post(path, this.keep("POST", path)).reply(201, { id });
    return this;
  }

  updateComment(id: number): this {
    const path = `${this.repo.path}/issues/comments/${id}`;
    this.scope.patch(path, this.keep("PATCH", path)).reply(200, { id });
    return this;
  }

  deleteComment(id: number): this {
    const path = `${this.repo.path}/issues/comments/${id}`;
    this.scope.delete(path).reply(() => {
      this.sent.push({ method: "DELETE", path, body: undefined });
      return [204];
    });
    return this;
  }

  /**
   * Everything one evaluation reads, in the order the App reads it: the policy, the comparison (merge base
   * and changed files), then the merge base's tree and the blobs (no base blobs when `baseBlobs` is absent:
   * no lockfile changed; no tree either when `headBlobs` is empty too: nothing needs the records). The
   * head's files follow from the merge base's tree and the comparison, so the head tree is never read.
   */
  reads(options: { number: number; base: string; head: string; changed?: ListedFiles; baseBlobs?: string[]; headBlobs: string[]; config?: string | null }): this {
    this.config(options.config ?? null).compare(options.base, options.head, options.changed ? { files: options.changed } : {});
    if (options.baseBlobs) this.blobs(options.base, options.baseBlobs);
    return options.baseBlobs || options.headBlobs.length > 0 ? this.tree(options.base).blobs(options.head, options.headBlobs) : this;
  }

  /** What the App sent to one endpoint (method and path), in order. */
  bodies(method: string, path: string): any[] {
    return this.sent.filter((s) => s.method === method && s.path === `${this.repo.path}${path}`).map((s) => s.body);
  }
}
