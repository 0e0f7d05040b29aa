import { gitBlobSha } from "./git-blob-sha.js";
import type { Octokit, Repo } from "./octokit.js";
import { readBlob } from "./read-blob.js";

/** A blob to read: its git id and its size in bytes when known or guessed (it only decides which API is asked first). */
export interface BlobRef {
  sha: string;
  size?: number;
}

/**
 * GitHub cuts a blob's GraphQL `text` at 512,000 bytes (measured by its users; GitHub documents only the
 * `isTruncated` flag): bigger blobs are read through REST straight away.
 */
export const GRAPHQL_TEXT_LIMIT = 512_000;
/** Blobs per GraphQL query: well inside what GitHub is known to answer, far fewer requests than one each. */
export const BLOBS_PER_QUERY = 250;
/** Bytes of text per GraphQL query, so that one answer stays a few megabytes. */
export const BYTES_PER_QUERY = 4 * 1024 * 1024;

interface GraphqlBlob {
  oid: string;
  byteSize: number;
  isBinary: boolean | null;
  isTruncated: boolean;
  text: string | null;
}

/**
 * The bytes of many blobs of one repository in few requests: GraphQL returns the text of up to
 * BLOBS_PER_QUERY blobs in one query (one aliased `object(oid:)` each), where REST takes one request per
 * blob — 300 records cost 300 requests of a 5,000-an-hour budget. REST's raw media type still serves what
 * GraphQL cannot: binary blobs (a UTF-16 requirements file), text GitHub cut short, and any text that does
 * not hash back to its blob id (GitHub returns text as UTF-8, which would mangle other encodings). So the
 * bytes handed back are always exactly the blob's. On GHES, Octokit sends the query to `/api/graphql`.
 * Considered and not chosen: the tarball of the commit (one request, but every file of the repository,
 * and nothing cached by blob); the contents API (one request per file, like blobs).
 */
export async function readBlobs(octokit: Octokit, repo: Repo, blobs: readonly BlobRef[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  const unique = [...new Map(blobs.map((blob) => [blob.sha, blob])).values()];
  const large = unique.filter((blob) => (blob.size ?? 0) > GRAPHQL_TEXT_LIMIT);
  const small = unique.filter((blob) => (blob.size ?? 0) <= GRAPHQL_TEXT_LIMIT);
  const rest: string[] = large.map((blob) => blob.sha);
  await Promise.all(
    batches(small).map(async (batch) => {
      for (const [sha, bytes] of await queryBlobs(octokit, repo, batch.map((blob) => blob.sha))) {
        if (bytes) found.set(sha, bytes);
        else rest.push(sha);
      }
    }),
  );
  await Promise.all(rest.map(async (sha) => found.set(sha, await readBlob(octokit, repo, sha))));
  return found;
}

/** Consecutive runs of blobs within both the count and the byte bound of one query. */
function batches(blobs: readonly BlobRef[]): BlobRef[][] {
  const out: BlobRef[][] = [];
  let current: BlobRef[] = [];
  let bytes = 0;
  for (const blob of blobs) {
    const size = blob.size ?? 0;
    if (current.length > 0 && (current.length >= BLOBS_PER_QUERY || bytes + size > BYTES_PER_QUERY)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(blob);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * One query for `shas`; each sha maps to its bytes, or to undefined when REST must read it. GitHub may
 * answer part of a query and report the rest as errors (its resource limits), or time out on all of it:
 * what it left out is asked once more, in two halves, and what is still missing then goes to REST. A
 * query GitHub refuses outright (no data at all) is a fault in the query, and fails the evaluation.
 */
async function queryBlobs(octokit: Octokit, repo: Repo, shas: readonly string[], retry = true): Promise<Map<string, Uint8Array | undefined>> {
  let answer: Record<string, GraphqlBlob | null> | null | undefined;
  let complete = true;
  try {
    answer = (await octokit.graphql<{ repository: Record<string, GraphqlBlob | null> | null }>(blobQuery(shas.length), variables(repo, shas))).repository;
  } catch (error) {
    const failed = error as { name?: string; status?: number; data?: { repository?: Record<string, GraphqlBlob | null> | null } | null };
    if (failed.name === "GraphqlResponseError" && failed.data && failed.data.repository !== null) answer = failed.data.repository;
    else if (failed.status !== 502 && failed.status !== 504) throw error;
    complete = false;
  }
  if (complete && !answer) throw new Error(`GitHub's GraphQL API found no repository ${repo.owner}/${repo.repo}`);
  const result = new Map<string, Uint8Array | undefined>();
  const missing: string[] = [];
  shas.forEach((sha, i) => {
    const blob = answer?.[`b${i}`];
    if (blob) result.set(sha, verifiedText(blob, sha));
    else missing.push(sha);
  });
  // A blob GitHub does not have comes back null without an error: REST says so (404) in its own words.
  if (complete || !retry || missing.length <= 1) {
    for (const sha of missing) result.set(sha, undefined);
    return result;
  }
  const half = Math.ceil(missing.length / 2);
  for (const part of [missing.slice(0, half), missing.slice(half)]) {
    for (const [sha, bytes] of await queryBlobs(octokit, repo, part, false)) result.set(sha, bytes);
  }
  return result;
}

/** The blob's bytes when its text is whole and hashes back to its id; undefined otherwise. */
function verifiedText(blob: GraphqlBlob, sha: string): Uint8Array | undefined {
  if (blob.text === null || blob.isBinary || blob.isTruncated) return undefined;
  const bytes = Buffer.from(blob.text, "utf8");
  return gitBlobSha(bytes) === sha ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
}

/** `b0 … bN-1: object(oid: $b0 …)`, the ids passed as variables so that no value is ever spliced into the query. */
export function blobQuery(count: number): string {
  const ids = Array.from({ length: count }, (_, i) => `$b${i}: GitObjectID!`).join(", ");
  const objects = Array.from({ length: count }, (_, i) => `    b${i}: object(oid: $b${i}) { ...blob }`).join("\n");
  return `query soupGateBlobs($owner: String!, $name: String!, ${ids}) {\n  repository(owner: $owner, name: $name) {\n${objects}\n  }\n}\nfragment blob on Blob { oid byteSize isBinary isTruncated text }\n`;
}

function variables(repo: Repo, shas: readonly string[]): Record<string, string> {
  return { owner: repo.owner, name: repo.repo, ...Object.fromEntries(shas.map((sha, i) => [`b${i}`, sha])) };
}
