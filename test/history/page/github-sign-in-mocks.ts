import nock from "nock";
import { checkRequest, requestProblems } from "../../app/openapi.js";

export const CLIENT_ID = "Iv23liSoupGateTest";
export const CLIENT_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";
export const APP_ID = 4242;

export interface InstallationAccess {
  id: number;
  appId?: number;
  suspended?: boolean;
  repositories: Array<string | { fullName: string; pull: boolean }>;
}

export interface GitHubUser {
  login: string;
  code: string;
  token: string;
  installations: InstallationAccess[];
}

export interface Addresses {
  web: string;
  api: string;
}

export const GITHUB: Addresses = { web: "https://github.com", api: "https://api.github.com" };

/**
 * GitHub's side of one sign-in, as nock interceptors that each answer once: the code exchanged for the
 * user's token, `GET /user`, the user's installations and each installation's repositories (two per
 * page, so pagination is exercised), and the token's revocation. Every API request is checked against
 * the OpenAPI description; every one must carry the user's token (the revocation: the client's Basic auth).
 */
export function mockSignIn(user: GitHubUser, addresses: Addresses = GITHUB, options: { redirectUri?: string } = {}): void {
  nock(addresses.web)
    .post("/login/oauth/access_token", (body: Record<string, unknown>) => body.client_id === CLIENT_ID && body.client_secret === CLIENT_SECRET && body.code === user.code && body.redirect_uri === options.redirectUri)
    .reply(200, { access_token: user.token, expires_in: 28800, refresh_token: `ghr_${user.login}`, refresh_token_expires_in: 15897600, token_type: "bearer", scope: "" }, { date: new Date().toUTCString() });

  const prefix = new URL(addresses.api).pathname.replace(/\/$/, "");
  const api = nock(new URL(addresses.api).origin, { reqheaders: { authorization: (value: string) => value === `token ${user.token}` || value.startsWith("basic ") } });
  api.on("request", (req: { method: string; path: string }, _interceptor: unknown, body: string) => {
    requestProblems.push(...checkRequest(req.method, req.path.slice(prefix.length), body ?? ""));
  });
  api.get(`${prefix}/user`).reply(200, { login: user.login, id: 100 + user.login.length, type: "User" });
  api
    .get(`${prefix}/user/installations`)
    .query({ per_page: "100" })
    .reply(200, {
      total_count: user.installations.length,
      installations: user.installations.map((i) => ({ id: i.id, app_id: i.appId ?? APP_ID, app_slug: "soup-gate", account: { login: "acme", type: "Organization" }, suspended_at: i.suspended ? "2025-01-01T00:00:00Z" : null })),
    });
  for (const installation of user.installations) {
    if ((installation.appId ?? APP_ID) !== APP_ID || installation.suspended) continue;
    const repositories = installation.repositories.map((r) => (typeof r === "string" ? { fullName: r, pull: true } : r));
    const pages = Math.max(1, Math.ceil(repositories.length / 2));
    for (let page = 1; page <= pages; page++) {
      const path = `${prefix}/user/installations/${installation.id}/repositories`;
      const next: Record<string, string> = page < pages ? { link: `<${addresses.api}/user/installations/${installation.id}/repositories?per_page=100&page=${page + 1}>; rel="next"` } : {};
      api
        .get(path)
        .query(page === 1 ? { per_page: "100" } : { per_page: "100", page: String(page) })
        .reply(
          200,
          {
            total_count: repositories.length,
            repository_selection: "selected",
            repositories: repositories.slice((page - 1) * 2, page * 2).map((r, i) => ({ id: installation.id * 1000 + i, full_name: r.fullName, name: r.fullName.split("/")[1], private: true, permissions: { admin: false, maintain: false, push: false, triage: false, pull: r.pull } })),
          },
          next,
        );
    }
  }
  api
    .delete(`${prefix}/applications/${CLIENT_ID}/token`, (body: Record<string, unknown>) => body.access_token === user.token)
    .matchHeader("authorization", `basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`)
    .reply(204);
}
