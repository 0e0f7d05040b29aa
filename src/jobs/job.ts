/** One evaluation accepted for a pull request at one head: what the App needs to do it in any process. */
export interface PullRequestWork {
  installationId: number;
  /** `owner/name`. */
  repository: string;
  pullRequest: number;
  headSha: string;
  baseSha: string;
  /** The webhook event that asked for it, and its delivery id. */
  event: string;
  deliveryId: string;
  /** The event's payload and whatever else the worker needs, as JSON. */
  work: string;
}

/** A run of an older head that was replaced before it completed: it completes naming the newer head. */
export interface SupersededRun {
  head: string;
  runId: number;
}

/** A job as a worker holds it: the work, and what earlier attempts left. */
export interface Job extends PullRequestWork {
  /** One job per pull request: `installation/owner/name#number`. */
  key: string;
  /** Raised each time a newer head replaces the work; an attempt finishes only the version it worked. */
  version: number;
  /** Attempts started on this version, this one included. */
  attempts: number;
  /** When the first attempt on this head started (ms since the epoch). */
  firstTryAt: number;
  /** The `SOUP records` run an earlier attempt created at this head, to complete rather than create again. */
  runId: number | undefined;
  superseded: SupersededRun[];
  /** Why the last attempt did not finish. */
  lastError: string | undefined;
}

/** The key under which one pull request's work is stored, whichever event brought it. */
export function jobKey(work: Pick<PullRequestWork, "installationId" | "repository" | "pullRequest">): string {
  return `${work.installationId}/${work.repository.toLowerCase()}#${work.pullRequest}`;
}
