import { deleteToken, exchangeWebFlowCode, getWebFlowAuthorizationUrl } from "@octokit/oauth-methods";
import { request as octokitRequest } from "@octokit/request";
import type { PageConfig } from "./read-page-config.js";

/**
 * GitHub's web application flow through the App's OAuth client, by `@octokit/oauth-methods`. Its
 * requests go to `config.apiUrl`; the library derives the web address from it the way Probot does for
 * GitHub Enterprise Server (`https://HOST/api/v3` → `https://HOST`).
 */
export interface GitHubSignIn {
  authorizeUrl(state: string, redirectUrl: string | undefined): string;
  /** The user's access token for an authorisation code GitHub sent to the callback. */
  exchangeCode(code: string, redirectUrl: string | undefined): Promise<string>;
  /** Revokes the token: the page needs it only for the reads at sign-in. */
  revokeToken(token: string): Promise<void>;
}

export function createGitHubSignIn(config: PageConfig, fetch?: typeof globalThis.fetch): GitHubSignIn {
  const request = octokitRequest.defaults({ baseUrl: config.apiUrl, ...(fetch ? { request: { fetch } } : {}) });
  const client = { clientType: "github-app" as const, clientId: config.clientId, clientSecret: config.clientSecret, request };
  return {
    authorizeUrl(state, redirectUrl) {
      return getWebFlowAuthorizationUrl({ clientType: "github-app", clientId: config.clientId, state, allowSignup: false, request, ...(redirectUrl ? { redirectUrl } : {}) }).url;
    },
    async exchangeCode(code, redirectUrl) {
      const { authentication } = await exchangeWebFlowCode({ ...client, code, ...(redirectUrl ? { redirectUrl } : {}) });
      return authentication.token;
    },
    async revokeToken(token) {
      await deleteToken({ ...client, token });
    },
  };
}
