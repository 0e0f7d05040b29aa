/** Addresses on GitHub's web site (`https://github.com`, or the Enterprise Server's) for the page's links. */
export function pullRequestUrl(webUrl: string, repository: string, pullRequest: number): string {
  return `${webUrl}/${repository}/pull/${pullRequest}`;
}

/** Every check run of one commit: the link for entries that name no check run of their own. */
export function commitChecksUrl(webUrl: string, repository: string, sha: string): string {
  return `${webUrl}/${repository}/commit/${sha}/checks`;
}
