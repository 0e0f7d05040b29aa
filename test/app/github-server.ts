import nock from "nock";
import { APP_ID } from "./check-runs.js";
import { blobSha, type FakeRepo } from "./fake-repo.js";
import { answerGraphql } from "./fake-graphql.js";
import { checkGraphqlRequest } from "./graphql-schema.js";
import { checkRequest, requestProblems } from "./openapi.js";
import { INSTALLATION_ID, pullRequestResource } from "./payloads.js";

const API = "https://api.github.com";

interface Run {
  id: number;
  name: string;
  head_sha: string;
  external_id?: string;
  status?: string;
  conclusion?: string | null;
  output?: { title?: string; summary?: string; text?: string };
}

interface Comment {
  id: number;
  body: string;
  created_at: string;
}

interface Pull {
  number: number;
  head: string;
  /** The base branch's tip. */
  base: string;
  author: string;
}

export type Reply = [number, unknown, Record<string, string>?];

/**
 * GitHub for one repository, answering every request from what it holds, as long as the test runs: the
 * repository's commits (a FakeRepo), its pull requests, check runs and comments, and the policy on the
 * default branch. Unlike GitHubStandIn, nothing is scripted: the App asks what it wants, and the server
 * counts — every request, and every blob whose content it served — so a test can hold the App to a budget.
 * Each request is validated against GitHub's OpenAPI description or GraphQL schema.
 */
export class GitHubServer {
  /** Every request, as `METHOD /path` with ids and shas replaced by placeholders, in order. */
  readonly requests: string[] = [];
  /** Each blob sha whose content was served, by REST or GraphQL, in order. */
  readonly blobsServed: string[] = [];
  readonly runs: Run[] = [];
  readonly comments: Comment[] = [];
  /** Answers a request instead of the repository, e.g. `[502, {...}]` while GitHub is down; undefined lets it through. */
  fault: ((method: string, path: string) => Reply | undefined) | undefined;
  /** `.github/soup.yml` on the default branch; null: none. */
  config: string | null = null;
  private readonly pulls = new Map<number, Pull>();
  private nextId = 1000;

  /** `intercept: false` answers only what `answer` is handed (a loopback server in front of it, for App processes). */
  constructor(
    readonly repo: FakeRepo,
    options: { intercept?: boolean } = {},
  ) {
    if (options.intercept === false) return;
    const scope = nock(API).persist();
    const server = this;
    for (const method of ["get", "post", "patch", "delete"] as const) {
      scope
        .intercept(() => true, method.toUpperCase())
        .query(true)
        .reply(function (uri, body) {
          return server.answer(method.toUpperCase(), uri, typeof body === "string" ? body : JSON.stringify(body ?? ""), this.req.headers);
        });
    }
  }

  /** Opens (or moves) pull request `number`: its head, and the base branch's tip. */
  pull(number: number, head: string, base: string, author = "dev"): void {
    this.pulls.set(number, { number, head, base, author });
  }

  /** The requests made since `from` (an index into `requests`), counted by kind. */
  countSince(from: number): { total: number; byKind: Record<string, number> } {
    const byKind: Record<string, number> = {};
    for (const request of this.requests.slice(from)) byKind[request] = (byKind[request] ?? 0) + 1;
    return { total: this.requests.length - from, byKind };
  }

  latestRun(name: string, head: string): Run | undefined {
    return this.runs.filter((r) => r.name === name && r.head_sha === head).sort((a, b) => b.id - a.id)[0];
  }

  /** One request (its path and query, as GitHub.com's API names them), answered from what the server holds. */
  answer(method: string, uri: string, bodyText: string, headers: Record<string, unknown>): Reply {
    const url = new URL(uri, API);
    const path = url.pathname;
    this.requests.push(`${method} ${path.replace(/[0-9a-f]{40}/g, "{sha}").replace(/\/\d+(?=\/|$)/g, "/{n}").replace(/\/compare\/[^/]+/, "/compare/{basehead}")}`);
    const faulty = this.fault?.(method, path);
    if (faulty) return faulty;
    if (path === "/graphql") {
      const { problems, parsed } = checkGraphqlRequest(bodyText);
      requestProblems.push(...problems);
      if (!parsed) return [200, { errors: problems.map((message) => ({ message })) }];
      return [200, answerGraphql(parsed, (owner, name) => (owner === this.repo.owner && name === this.repo.name ? this.repo : undefined), (sha) => this.blobsServed.push(sha))];
    }
    requestProblems.push(...checkRequest(method, `${path}${url.search}`, method === "GET" || method === "DELETE" ? "" : bodyText));
    const body = bodyText && method !== "GET" ? (JSON.parse(bodyText) as Record<string, unknown>) : {};
    const reply = this.rest(method, path.replace(`/repos/${this.repo.owner}/${this.repo.name}`, ""), url.searchParams, body, String(headers.accept ?? ""));
    if (reply) return reply;
    requestProblems.push(`${method} ${path}: the stand-in does not answer this request`);
    return [404, { message: "Not Found" }];
  }

  private rest(method: string, path: string, query: URLSearchParams, body: Record<string, any>, accept: string): Reply | undefined {
    let m: RegExpExecArray | null;
    if (method === "POST" && path === `/app/installations/${INSTALLATION_ID}/access_tokens`) {
      return [201, { token: "test-token", expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: "all" }];
    }
    if (method === "GET" && decodeURIComponent(path) === "/contents/.github/soup.yml") {
      if (this.config === null) return [404, { message: "Not Found" }];
      return [200, this.config, { "content-type": "application/vnd.github.v3.raw; charset=utf-8" }];
    }
    if (method === "GET" && decodeURIComponent(path) === `/repos/${this.repo.owner}/.github/contents/.github/soup.yml`) return [404, { message: "Not Found" }];
    if (method === "GET" && (m = /^\/git\/trees\/([0-9a-f]{40})$/.exec(path))) return [200, this.repo.tree(m[1]!)];
    if (method === "GET" && (m = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(path))) {
      const content = this.repo.blob(m[1]!);
      if (content === undefined) return [404, { message: "Not Found" }];
      this.blobsServed.push(m[1]!);
      if (!accept.includes("raw")) return [200, { sha: m[1], size: Buffer.byteLength(content), encoding: "base64", content: Buffer.from(content).toString("base64"), url: "", node_id: "" }];
      return [200, content, { "content-type": "application/vnd.github.raw+json; charset=utf-8" }];
    }
    if (method === "GET" && (m = /^\/compare\/([0-9a-f]{40})\.\.\.([0-9a-f]{40})$/.exec(path))) {
      const mergeBase = this.repo.mergeBase(m[1]!, m[2]!);
      if (!mergeBase) return [404, { message: "No common ancestor" }];
      const files = this.diff(mergeBase, m[2]!);
      return [200, { status: "ahead", merge_base_commit: { sha: mergeBase }, base_commit: { sha: m[1] }, commits: [], files: files.slice(0, 300), total_commits: 1, ahead_by: 1, behind_by: 0 }];
    }
    if ((m = /^\/pulls\/(\d+)(\/files|\/commits)?$/.exec(path))) {
      const pull = this.pulls.get(Number(m[1]));
      if (!pull || method !== "GET") return undefined;
      const mergeBase = this.repo.mergeBase(pull.base, pull.head)!;
      if (!m[2]) return [200, pullRequestResource({ number: pull.number, head: pull.head, base: pull.base, author: pull.author })];
      if (m[2] === "/commits") {
        const shas = this.repo.history(pull.head);
        const commits = shas.slice(0, shas.indexOf(mergeBase)).reverse();
        return [200, commits.map((sha) => ({ sha, url: "", html_url: "", comments_url: "", node_id: "", parents: [], commit: { message: "", author: null, committer: null }, author: { login: pull.author, id: 1, type: "User" }, committer: { login: "web-flow", id: 2, type: "User" } }))];
      }
      const page = Number(query.get("page") ?? "1");
      const files = this.diff(mergeBase, pull.head).slice(0, 3000);
      const pages = Math.max(1, Math.ceil(files.length / 100));
      const link = page < pages ? { link: `<${API}/repos/${this.repo.owner}/${this.repo.name}${path}?per_page=100&page=${page + 1}>; rel="next"` } : undefined;
      return [200, files.slice((page - 1) * 100, page * 100), link];
    }
    if (method === "GET" && (m = /^\/commits\/([0-9a-f]{40})\/check-runs$/.exec(path))) {
      const found = this.runs.filter((r) => r.head_sha === m![1] && (!query.get("check_name") || r.name === query.get("check_name")));
      return [200, { total_count: found.length, check_runs: found.map((r) => this.runResource(r)) }];
    }
    if (method === "POST" && path === "/check-runs") {
      const run = { ...(body as Omit<Run, "id">), id: (this.nextId += 1) };
      this.runs.push(run);
      return [201, this.runResource(run)];
    }
    if (method === "PATCH" && (m = /^\/check-runs\/(\d+)$/.exec(path))) {
      const run = this.runs.find((r) => r.id === Number(m![1]));
      if (!run) return [404, { message: "Not Found" }];
      Object.assign(run, body);
      return [200, this.runResource(run)];
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(path))) {
      if (method === "GET") return [200, this.comments.map((c) => ({ ...c, user: { login: "soup-gate[bot]", type: "Bot" }, performed_via_github_app: { id: APP_ID, slug: "soup-gate" } }))];
      const comment = { id: (this.nextId += 1), body: String(body.body), created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, this.comments.length)).toISOString() };
      this.comments.push(comment);
      return [201, comment];
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(path))) {
      const at = this.comments.findIndex((c) => c.id === Number(m![1]));
      if (at === -1) return [404, { message: "Not Found" }];
      if (method === "DELETE") return (this.comments.splice(at, 1), [204, ""]);
      this.comments[at]!.body = String(body.body);
      return [200, this.comments[at]];
    }
    return undefined;
  }

  /** What `merge base...head` changed, as GitHub lists a comparison's or a pull request's files. */
  private diff(from: string, to: string) {
    const before = this.repo.files(from);
    const after = this.repo.files(to);
    const entry = (filename: string, status: string, content: string) => ({ sha: blobSha(content), filename, status, additions: 1, deletions: 1, changes: 2, blob_url: "", raw_url: "", contents_url: "" });
    const files = [];
    for (const [path, content] of after) {
      const old = before.get(path);
      if (old === undefined) files.push(entry(path, "added", content));
      else if (old !== content) files.push(entry(path, "modified", content));
    }
    for (const [path, content] of before) if (!after.has(path)) files.push(entry(path, "removed", content));
    return files.sort((a, b) => a.filename.localeCompare(b.filename));
  }

  private runResource(run: Run) {
    return {
      ...run,
      app: { id: APP_ID, slug: "soup-gate" },
      external_id: run.external_id ?? null,
      conclusion: run.conclusion ?? null,
      output: { title: run.output?.title ?? null, summary: run.output?.summary ?? null, text: run.output?.text ?? null, annotations_count: 0, annotations_url: "" },
      pull_requests: [],
    };
  }
}
