/**
 * Runs the work for one pull request one task at a time within this process, so that an approval never
 * races an evaluation here. Evaluations of one pull request are kept apart across processes by their
 * stored job's lease (see createPullRequestJobs); approvals on other replicas by what GitHub says (see
 * upsertComment), not by this queue.
 */
export class PullRequestQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** One pull request's work is queued under this key, whichever event brought it. */
export function queueKey(repo: { owner: string; repo: string }, number: number): string {
  return `${repo.owner}/${repo.repo}#${number}`;
}
