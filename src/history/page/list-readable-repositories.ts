import { ProbotOctokit } from "probot";

/** Who signed in, and what they may see on the page. */
export interface Reader {
  login: string;
  /** `owner/name`, sorted, each once. */
  repositories: string[];
}

export interface ListOptions {
  token: string;
  apiUrl: string;
  /** Only installations of this App count; undefined trusts GitHub to list this App's only. */
  appId: number | undefined;
  fetch?: typeof globalThis.fetch;
}

/**
 * The repositories both the user and this App can reach: with the user's token, `GET /user/installations`
 * lists the installations of this App the user can access, and each installation's repositories are
 * those of it the user can read. A suspended installation gives the App no access, so none of its
 * repositories count. Every page of both lists is read: a repository missing from a page never shows.
 */
export async function listReadableRepositories(options: ListOptions): Promise<Reader> {
  const octokit = new ProbotOctokit({
    auth: { token: options.token },
    baseUrl: options.apiUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
  });
  const { data: user } = await octokit.request("GET /user");
  const installations = await octokit.paginate("GET /user/installations", { per_page: 100 });
  const names = new Set<string>();
  for (const installation of installations) {
    if (options.appId !== undefined && installation.app_id !== options.appId) continue;
    if (installation.suspended_at) continue;
    const repositories = await octokit.paginate("GET /user/installations/{installation_id}/repositories", { installation_id: installation.id, per_page: 100 });
    for (const repository of repositories) {
      if (repository.permissions && repository.permissions.pull === false) continue;
      names.add(repository.full_name);
    }
  }
  return { login: user.login, repositories: [...names].sort() };
}
