import { basename } from "node:path";
import { gitText, runGit, type GitRunner } from "./git.js";

/**
 * How a report names the repository: its `origin` URL without any credentials in it (a report may be
 * filed in a design history file), else the folder name.
 */
export async function repositoryName(repo: string, run: GitRunner = runGit): Promise<string> {
  const url = await gitText(repo, ["remote", "get-url", "origin"], run).catch(() => "");
  if (url === "") return basename(repo);
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    parsed.search = "";
    parsed.hash = "";
    return parsed.toString();
  } catch {
    // scp-like `git@github.com:acme/device.git` carries no secret beyond the user name
    return url.replace(/^[^@/]+@/, "");
  }
}
