import type { Octokit } from "./octokit.js";

/**
 * The soup-gate App's own id, from the credentials Probot signs its JWT with (no request is made). Approval
 * state is read only from check runs this App wrote: anyone with write access can post a run with the same
 * name, so the name alone proves nothing.
 */
export async function ownAppId(octokit: Octokit): Promise<number> {
  const auth = (await octokit.auth({ type: "app" })) as { appId?: number | string };
  const id = Number(auth.appId);
  if (!Number.isInteger(id) || id <= 0) throw new Error("soup-gate cannot tell its own App id, so it cannot tell its approval check runs from forged ones: run it as a GitHub App (APP_ID and a private key)");
  return id;
}
