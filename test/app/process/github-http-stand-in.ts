import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { answerGraphql } from "../fake-graphql.js";
import type { FakeRepo } from "../fake-repo.js";
import { GitHubServer, type Reply } from "../github-server.js";
import { checkGraphqlRequest } from "../graphql-schema.js";
import { requestProblems } from "../openapi.js";

/** A request as the stand-in received it: GitHub.com's path (GHES's `/api/v3` prefix taken off). */
export interface Received {
  method: string;
  path: string;
  /** Milliseconds since the stand-in started. */
  at: number;
}

/**
 * GitHub's API on a loopback port, for App processes run as GitHub Enterprise Server clients
 * (`GHE_HOST=127.0.0.1:port`, `GHE_PROTOCOL=http`): several repositories, each a GitHubServer that holds
 * its commits, pull requests, check runs and comments and validates each request against GitHub's
 * OpenAPI description or GraphQL schema (problems go to `requestProblems`); installation tokens for any
 * installation; and OSV's batch query, answered with no advisory. A test can fail requests of any
 * repository (`fault`) or hold them (`hold`) to stop an App mid-way.
 */
export class GitHubHttpStandIn {
  readonly received: Received[] = [];
  /** Answers a request instead of GitHub, e.g. `[502, {...}]`; undefined lets it through. */
  fault: ((method: string, path: string) => Reply | undefined) | undefined;
  /** Delays a request until the promise settles (a request held open when its App is killed never ends). */
  hold: ((method: string, path: string) => Promise<void> | undefined) | undefined;
  host = "";
  private readonly servers = new Map<string, GitHubServer>();
  private server: Server | undefined;
  private readonly started = Date.now();

  /** The repository's GitHub: add pull requests to it with `pull`, read its runs and comments. */
  add(repo: FakeRepo): GitHubServer {
    const server = new GitHubServer(repo, { intercept: false });
    this.servers.set(`${repo.owner}/${repo.name}`, server);
    return server;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req)
        .then(([status, body, headers]) => {
          res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
          res.end(typeof body === "string" ? body : JSON.stringify(body));
        })
        .catch((error: unknown) => {
          requestProblems.push(`the stand-in failed on ${req.method} ${req.url}: ${String(error)}`);
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests received matching `pattern` (`METHOD /path`). */
  count(pattern: RegExp): number {
    return this.received.filter((r) => pattern.test(`${r.method} ${r.path}`)).length;
  }

  private async handle(req: IncomingMessage): Promise<Reply> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://stand-in");
    const body = await readBody(req);
    const path = url.pathname === "/api/graphql" ? "/graphql" : url.pathname.replace(/^\/api\/v3(?=\/)/, "");
    this.received.push({ method, path, at: Date.now() - this.started });
    const faulty = this.fault?.(method, path);
    if (faulty) return faulty;
    await this.hold?.(method, path);
    if (method === "POST" && path === "/osv/v1/querybatch") {
      const { queries } = JSON.parse(body) as { queries: unknown[] };
      return [200, { results: queries.map(() => ({})) }];
    }
    if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      return [201, { token: "test-token", expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: "all" }];
    }
    if (path === "/graphql") {
      const { problems, parsed } = checkGraphqlRequest(body);
      requestProblems.push(...problems);
      if (!parsed) return [200, { errors: problems.map((message) => ({ message })) }];
      return [200, answerGraphql(parsed, (owner, name) => this.servers.get(`${owner}/${name}`)?.repo, () => {})];
    }
    const [, owner, name] = /^\/repos\/([^/]+)\/([^/]+)/.exec(path) ?? [];
    const server = this.servers.get(`${owner}/${name}`) ?? [...this.servers.values()].find((s) => s.repo.owner === owner);
    if (!server) {
      requestProblems.push(`${method} ${path}: the stand-in holds no such repository`);
      return [404, { message: "Not Found" }];
    }
    return server.answer(method, `${path}${url.search}`, body, req.headers);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
