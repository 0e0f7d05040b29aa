/**
 * soup-gate's check runs carry `<pr>` or `<pr>:<digest>` as their external id. For a pull request from a
 * fork, GitHub links the run to no pull request (`pull_requests: []`), so the number written here is the
 * only way back from a re-run or an Approve click to the pull request; the digest names what was evaluated.
 */
export function formatExternalId(pullRequest: number, digest?: string): string {
  return digest ? `${pullRequest}:${digest}` : String(pullRequest);
}

/** The pull request (and digest) a soup-gate run belongs to; undefined for any other external id. */
export function parseExternalId(externalId: string | null | undefined): { pullRequest: number; digest?: string } | undefined {
  const match = /^(\d+)(?::([0-9a-f]+))?$/.exec(externalId ?? "");
  if (!match) return undefined;
  return match[2] ? { pullRequest: Number(match[1]), digest: match[2] } : { pullRequest: Number(match[1]) };
}
