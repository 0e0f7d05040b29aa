import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import type { AdvisorySource } from "../../src/anomalies/advisory.js";
import { createAppDeps } from "../../src/app/app-deps.js";

/**
 * The advisory source of the App tests that are not about anomalies: it knows of none. The tests of the
 * known-anomalies check load the App with the real OSV client and stand OSV's API in with nock.
 */
export const KNOWS_NO_ADVISORY: AdvisorySource = { name: "an advisory source that knows no advisory", find: async (queries) => ({ ok: true, advisories: queries.map(() => []) }) };
import app from "../../src/index.js";
import { afterEach, beforeEach, expect } from "@jest/globals";
import { APP_ID, CheckRuns } from "./check-runs.js";
import { FakeRepo } from "./fake-repo.js";
import { NOW } from "./fixtures.js";
import { requestProblems, resetRequestProblems, validBody, watchRequests } from "./openapi.js";
import { INSTALLATION_ID, pullRequestResource } from "./payloads.js";

const API = "https://api.github.com";
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });

/** Every wait the App asked for (in ms), in order: the tests' sleep returns at once and keeps the count. */
export const waits: number[] = [];

/**
 * A Probot with the App loaded, as Probot's testing guide sets it up (no retries, no throttling), with the
 * App's clock fixed at NOW and a sleep that records its wait instead of waiting.
 */
export async function loadApp(advisories: AdvisorySource = KNOWS_NO_ADVISORY): Promise<Probot> {
  waits.length = 0;
  const probot = new Probot({
    appId: APP_ID,
    privateKey,
    // The App's own error logs would drown the test report; the tests read the check runs instead.
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  const deps = createAppDeps({ now: () => NOW, sleep: async (ms) => void waits.push(ms), advisories });
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
}

export interface Sent {
  method: string;
  path: string;
  body: any;
}

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

  /** `GET /pulls/{n}/files`, 100 per page, as GitHub pages it. */
  changedFiles(number: number, files: ReadonlyArray<string | { filename: string; previous_filename?: string; status?: string }>): this {
    const path = `${this.repo.path}/pulls/${number}/files`;
    const items = files.map((f, i) => {
      const file = typeof f === "string" ? { filename: f } : f;
      return { sha: i.toString(16).padStart(40, "0"), status: "modified", additions: 1, deletions: 1, changes: 2, blob_url: "", raw_url: "", contents_url: "", ...file };
    });
    const pages = Math.max(1, Math.ceil(items.length / 100));
    for (let page = 1; page <= pages; page += 1) {
      const next = page < pages ? { link: `<${API}${path}?per_page=100&page=${page + 1}>; rel="next", <${API}${path}?per_page=100&page=${pages}>; rel="last"` } : undefined;
      this.scope
        .get(path)
        .query(page === 1 ? { per_page: "100" } : { per_page: "100", page: String(page) })
        .reply(200, items.slice((page - 1) * 100, page * 100), next);
    }
    return this;
  }

  mergeBase(base: string, head: string, mergeBase = base): this {
    this.scope.get(`${this.repo.path}/compare/${base}...${head}`).query({ per_page: "1" }).reply(200, { merge_base_commit: { sha: mergeBase }, files: [] });
    return this;
  }

  tree(commit: string): this {
    this.repo.serveTree(this.scope, commit);
    return this;
  }

  blobs(commit: string, paths: readonly string[]): this {
    this.repo.serveBlobs(this.scope, commit, paths);
    return this;
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
   * Everything one evaluation reads, in the order the App reads it: the policy, the changed files, then
   * the merge base, trees and blobs (no base reads when `baseBlobs` is absent: no lockfile changed; no
   * head reads either when `headBlobs` is empty: nothing needs the records).
   */
  reads(options: { number: number; base: string; head: string; changed: Parameters<GitHubStandIn["changedFiles"]>[1]; baseBlobs?: string[]; headBlobs: string[]; config?: string | null }): this {
    this.config(options.config ?? null).changedFiles(options.number, options.changed);
    if (options.baseBlobs) this.mergeBase(options.base, options.head).tree(options.base).blobs(options.base, options.baseBlobs);
    return options.baseBlobs || options.headBlobs.length > 0 ? this.tree(options.head).blobs(options.head, options.headBlobs) : this;
  }

  /** What the App sent to one endpoint (method and path), in order. */
  bodies(method: string, path: string): any[] {
    return this.sent.filter((s) => s.method === method && s.path === `${this.repo.path}${path}`).map((s) => s.body);
  }
}
