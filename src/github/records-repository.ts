import type { Snapshot } from "../core/snapshot.js";
import { githubSnapshot, type BlobLoader } from "./github-snapshot.js";
import type { Octokit } from "./octokit.js";

export interface RecordsRepository {
  snapshot: Snapshot;
  /** Where a record file can be opened in the browser: `<html_url>/blob/<branch>/<path>`. */
  blobUrl: (path: string, line?: number) => string;
}

/**
 * The central QMS repository named by `records.repository`, read at its default branch. The installation
 * must include it; when it does not, the check says so instead of passing without records.
 */
export async function openRecordsRepository(octokit: Octokit, fullName: string, blobs: BlobLoader): Promise<RecordsRepository> {
  const [owner = "", repo = ""] = fullName.split("/");
  const { data } = await octokit.rest.repos.get({ owner, repo }).catch((error: { status?: number }) => {
    if (error.status === 404 || error.status === 403) {
      throw new Error(`records.repository ${fullName} cannot be read: install soup-gate on it, or correct records.repository in .github/soup.yml`, { cause: error });
    }
    throw error;
  });
  const branch = data.default_branch;
  return {
    snapshot: githubSnapshot({ octokit, repo: { owner, repo }, commit: branch, blobs }),
    blobUrl: (path, line) => blobUrl(data.html_url, branch, path, line),
  };
}

export function blobUrl(htmlUrl: string, ref: string, path: string, line?: number): string {
  return `${htmlUrl}/blob/${encodeURIComponent(ref).replace(/%2F/g, "/")}/${path.split("/").map(encodeURIComponent).join("/")}${line ? `#L${line}` : ""}`;
}
