import { randomBytes } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { checkRequest } from "../../app/openapi.js";

export interface StandInUser {
  login: string;
  /** `owner/name` of the repositories this user reaches through the App's installation. */
  repositories: string[];
}

const PAGE_SIZE = 2;
const INSTALLATION_ID = 11;

/**
 * GitHub Enterprise Server's OAuth web flow and the few API routes the history page calls, on a loopback
 * port, for the browser test: the authorize page (the browser clicks "Authorize"), the code exchange,
 * `GET /user`, `GET /user/installations`, each installation's repositories two per page with Link
 * headers, and the token's revocation. Each API request is checked against the OpenAPI description and
 * must carry the token GitHub issued; anything else is a 404 and a recorded problem.
 */
export class GitHubStandIn {
  readonly problems: string[] = [];
  readonly revoked: string[] = [];
  /** Who is signed in to "GitHub" in the browser that opens the authorize page. */
  currentUser: StandInUser | undefined;
  /** The App's registered callback URL, used when the authorize request names no redirect_uri. */
  callbackUrl = "";
  private readonly codes = new Map<string, StandInUser>();
  private readonly tokens = new Map<string, StandInUser>();
  private server: Server | undefined;
  host = "";

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    readonly appId: number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        this.problems.push(`stand-in failed on ${req.method} ${req.url}: ${String(e)}`);
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", `http://${this.host}`);
    const body = await readBody(req);
    if (req.method === "GET" && url.pathname === "/login/oauth/authorize") return this.authorizePage(url, res);
    if (req.method === "GET" && url.pathname === "/login/oauth/authorize/confirm") return this.confirm(url, res);
    if (req.method === "POST" && url.pathname === "/login/oauth/access_token") return this.exchange(body, res);
    if (url.pathname.startsWith("/api/v3/")) return this.api(req, url, body, res);
    if (url.pathname !== "/favicon.ico") this.problems.push(`unexpected ${req.method} ${url.pathname}`);
    res.writeHead(404).end();
  }

  private authorizePage(url: URL, res: ServerResponse): void {
    const user = this.currentUser;
    if (url.searchParams.get("client_id") !== this.clientId || !user) {
      this.problems.push(`authorize with client_id ${url.searchParams.get("client_id")} and user ${user?.login}`);
      res.writeHead(400).end("unknown client");
      return;
    }
    const hidden = ["state", "redirect_uri"].map((name) => (url.searchParams.has(name) ? `<input type="hidden" name="${name}" value="${escape(url.searchParams.get(name)!)}">` : "")).join("");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><title>Authorize soup-gate</title>
<h1>Authorize soup-gate</h1><p>Signed in to GitHub as ${escape(user.login)}.</p>
<form action="/login/oauth/authorize/confirm" method="get">${hidden}<button type="submit">Authorize</button></form>`);
  }

  private confirm(url: URL, res: ServerResponse): void {
    const code = randomBytes(10).toString("hex");
    this.codes.set(code, this.currentUser!);
    const back = new URL(url.searchParams.get("redirect_uri") ?? this.callbackUrl);
    back.searchParams.set("code", code);
    back.searchParams.set("state", url.searchParams.get("state") ?? "");
    res.writeHead(302, { location: back.href }).end();
  }

  private exchange(body: string, res: ServerResponse): void {
    const params = JSON.parse(body) as Record<string, string>;
    const user = this.codes.get(params.code ?? "");
    this.codes.delete(params.code ?? "");
    if (params.client_id !== this.clientId || params.client_secret !== this.clientSecret || !user) {
      this.json(res, 200, { error: "bad_verification_code", error_description: "The code passed is incorrect or expired.", error_uri: "https://docs.github.com" });
      return;
    }
    const token = `ghu_${randomBytes(12).toString("hex")}`;
    this.tokens.set(token, user);
    this.json(res, 200, { access_token: token, expires_in: 28800, refresh_token: `ghr_${randomBytes(12).toString("hex")}`, refresh_token_expires_in: 15897600, token_type: "bearer", scope: "" }, { date: new Date().toUTCString() });
  }

  private api(req: IncomingMessage, url: URL, body: string, res: ServerResponse): void {
    const path = url.pathname.slice("/api/v3".length);
    this.problems.push(...checkRequest(req.method!, path + url.search, body));
    if (req.method === "DELETE" && path === `/applications/${this.clientId}/token`) {
      const [scheme, credentials] = (req.headers.authorization ?? "").split(" ");
      const token = (JSON.parse(body) as { access_token?: string }).access_token ?? "";
      const client = scheme?.toLowerCase() === "basic" && credentials === Buffer.from(`${this.clientId}:${this.clientSecret}`).toString("base64");
      if (!client || !this.tokens.delete(token)) {
        this.problems.push(`token revocation refused: ${client ? "unknown token" : "not the client's credentials"}`);
        return this.json(res, 404, { message: "Not Found" });
      }
      this.revoked.push(token);
      res.writeHead(204).end();
      return;
    }
    const user = this.tokens.get(req.headers.authorization?.replace(/^token /, "") ?? "");
    if (!user) {
      this.problems.push(`${req.method} ${path} without a valid user token`);
      return this.json(res, 401, { message: "Bad credentials" });
    }
    if (path === "/user") return this.json(res, 200, { login: user.login, id: user.login.length, type: "User" });
    if (path === "/user/installations") {
      return this.json(res, 200, { total_count: 1, installations: [{ id: INSTALLATION_ID, app_id: this.appId, app_slug: "soup-gate", account: { login: "acme", type: "Organization" }, suspended_at: null }] });
    }
    if (path === `/user/installations/${INSTALLATION_ID}/repositories`) {
      const page = Number(url.searchParams.get("page") ?? "1");
      const all = user.repositories;
      const slice = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      const headers: Record<string, string> = page * PAGE_SIZE < all.length ? { link: `<http://${this.host}/api/v3${path}?per_page=100&page=${page + 1}>; rel="next"` } : {};
      return this.json(res, 200, { total_count: all.length, repository_selection: "selected", repositories: slice.map((full_name, i) => ({ id: page * 100 + i, full_name, name: full_name.split("/")[1], private: true, permissions: { pull: true } })) }, headers);
    }
    this.problems.push(`unexpected API call ${req.method} ${path}`);
    this.json(res, 404, { message: "Not Found" });
  }

  private json(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(data));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
