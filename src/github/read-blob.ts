import type { Octokit, Repo } from "./octokit.js";

/**
 * A blob's bytes. The raw media type works for blobs up to GitHub's 100 MB (the contents API stops at
 * 1 MB), and the body is read as bytes, never parsed: a `package-lock.json` must not come back as an
 * object, nor a UTF-16 requirements file as mangled UTF-8.
 */
export async function readBlob(octokit: Octokit, repo: Repo, sha: string): Promise<Uint8Array> {
  const response = await octokit.rest.git.getBlob({
    ...repo,
    file_sha: sha,
    headers: { accept: "application/vnd.github.raw+json" },
    request: { parseSuccessResponseBody: false },
  });
  const body = response.data as unknown as ReadableStream<Uint8Array> | null;
  return body ? new Uint8Array(await new Response(body).arrayBuffer()) : new Uint8Array();
}
