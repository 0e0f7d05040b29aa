import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Probot } from "probot";

// Webhook payloads built from GitHub's real examples (@octokit/webhooks-examples), with only the fields a
// test cares about overridden: the repository, the installation, the pull request's number and commits.

interface Example {
  name: string;
  examples: Array<Record<string, any>>;
}

const indexPath = createRequire(import.meta.url).resolve("@octokit/webhooks-examples/api.github.com/index.json");
const definitions = JSON.parse(readFileSync(indexPath, "utf8")) as Example[];

/** An event less its delivery id, which each test chooses (a redelivery repeats it). */
export interface TestEvent {
  name: string;
  payload: Record<string, any>;
}

function event(name: string, payload: Record<string, any>): TestEvent {
  return { name, payload };
}

/** The examples are real GitHub payloads and the overrides keep their shape, which TypeScript cannot follow. */
export function delivery(id: string, event: TestEvent): Parameters<Probot["receive"]>[0] {
  return { id, ...event } as unknown as Parameters<Probot["receive"]>[0];
}

export const INSTALLATION_ID = 2;
export const REPOSITORY_ID = 1001;

function example(name: string, action: string, pick: (e: Record<string, any>) => boolean = () => true): Record<string, any> {
  const found = definitions.find((d) => d.name === name)?.examples.find((e) => e.action === action && pick(e));
  if (!found) throw new Error(`no ${name}.${action} example in @octokit/webhooks-examples`);
  return structuredClone(found);
}

/** The test organisation's repositories belong to an organisation; `ownerType: "User"` for a personal one. */
function repository(template: Record<string, any>, owner: string, name: string, id: number, ownerType = "Organization"): Record<string, any> {
  return {
    ...template,
    id,
    name,
    full_name: `${owner}/${name}`,
    owner: { ...template.owner, login: owner, type: ownerType },
    html_url: `https://github.com/${owner}/${name}`,
    url: `https://api.github.com/repos/${owner}/${name}`,
    default_branch: "main",
  };
}

export interface PullRequestOptions {
  action: "opened" | "synchronize" | "reopened" | "ready_for_review" | "edited";
  number: number;
  head: string;
  base: string;
  owner?: string;
  repo?: string;
  /** The fork the head comes from (`login/name`), for a fork's pull request. */
  fork?: string;
  changes?: Record<string, unknown>;
  /** The head a `synchronize` push replaced; absent unless given. */
  before?: string;
  /** The pull request's author (`user.login`). */
  author?: string;
  /** Who caused the event (for `synchronize`: who pushed); the example's sender unless given. */
  sender?: string;
  state?: "open" | "closed";
}

export function pullRequestEvent(options: PullRequestOptions): TestEvent {
  return event("pull_request", pullRequestPayload(options));
}

function pullRequestPayload(options: PullRequestOptions): Record<string, any> {
  const { owner = "acme", repo = "device" } = options;
  // There is no `edited` example: an opened one with `changes` added is the same payload shape.
  const payload = example("pull_request", options.action === "edited" ? "opened" : options.action, (e) => e.installation !== undefined);
  const base = repository(payload.repository, owner, repo, REPOSITORY_ID);
  const [forkOwner, forkName] = options.fork?.split("/") ?? [];
  const headRepo = options.fork ? repository(payload.pull_request.head.repo, forkOwner!, forkName!, REPOSITORY_ID + 1, "User") : base;
  payload.action = options.action;
  payload.number = options.number;
  payload.repository = base;
  payload.installation = { ...payload.installation, id: INSTALLATION_ID };
  const pr = payload.pull_request;
  Object.assign(pr, {
    number: options.number,
    state: options.state ?? "open",
    user: { ...pr.user, login: options.author ?? "dev", type: "User" },
    html_url: `https://github.com/${owner}/${repo}/pull/${options.number}`,
    url: `https://api.github.com/repos/${owner}/${repo}/pulls/${options.number}`,
  });
  pr.head = { ...pr.head, sha: options.head, ref: "feature", label: `${headRepo.owner.login}:feature`, repo: headRepo };
  pr.base = { ...pr.base, sha: options.base, ref: "main", label: `${owner}:main`, repo: base };
  if (options.changes) payload.changes = options.changes;
  if (options.sender) payload.sender = { ...payload.sender, login: options.sender, type: "User" };
  if (options.before) payload.before = options.before;
  else delete payload.before;
  return payload;
}

/** The pull request as `GET /pulls/{n}` or `GET /pulls` return it (the webhook's object has the same shape). */
export function pullRequestResource(options: Omit<PullRequestOptions, "action">): Record<string, any> {
  return pullRequestPayload({ ...options, action: "opened" }).pull_request;
}

export function checkRunRerequested(options: { headSha: string; externalId?: string; name?: string; pullRequests?: number[] }): TestEvent {
  const payload = example("check_run", "rerequested");
  payload.repository = repository(payload.repository, "acme", "device", REPOSITORY_ID);
  payload.installation = { ...payload.installation, id: INSTALLATION_ID };
  Object.assign(payload.check_run, { head_sha: options.headSha, name: options.name ?? "SOUP records", external_id: options.externalId ?? "" });
  payload.check_run.pull_requests = (options.pullRequests ?? []).map((number) => linkedPullRequest(number, options.headSha));
  payload.check_run.check_suite = { ...payload.check_run.check_suite, head_sha: options.headSha, pull_requests: payload.check_run.pull_requests };
  return event("check_run", payload);
}

export function checkSuiteRerequested(options: { headSha: string; pullRequests?: number[] }): TestEvent {
  const payload = example("check_suite", "rerequested");
  payload.repository = repository(payload.repository, "acme", "device", REPOSITORY_ID);
  payload.installation = { ...payload.installation, id: INSTALLATION_ID };
  Object.assign(payload.check_suite, { head_sha: options.headSha, after: options.headSha });
  // A fork's suite has no head branch and no pull requests (GitHub's documented behaviour).
  if (!options.pullRequests?.length) payload.check_suite.head_branch = null;
  payload.check_suite.pull_requests = (options.pullRequests ?? []).map((number) => linkedPullRequest(number, options.headSha));
  return event("check_suite", payload);
}

function linkedPullRequest(number: number, headSha: string) {
  const repo = { id: REPOSITORY_ID, url: "https://api.github.com/repos/acme/device", name: "device" };
  return { url: `https://api.github.com/repos/acme/device/pulls/${number}`, id: 9000 + number, number, head: { ref: "feature", sha: headSha, repo }, base: { ref: "main", sha: "0".repeat(40), repo } };
}

interface Person {
  login: string;
  type?: "User" | "Bot";
}

function person(template: Record<string, any>, who: Person): Record<string, any> {
  return { ...template, login: who.login, type: who.type ?? "User" };
}

/** Someone clicks a button of a `SOUP approval` run (a fork's run lists no pull request). */
export function checkRunRequestedAction(options: { headSha: string; externalId: string; sender: Person; identifier?: string; name?: string }): TestEvent {
  const payload = example("check_run", "requested_action");
  payload.repository = repository(payload.repository, "acme", "device", REPOSITORY_ID);
  payload.installation = { ...payload.installation, id: INSTALLATION_ID };
  Object.assign(payload.check_run, { head_sha: options.headSha, name: options.name ?? "SOUP approval", external_id: options.externalId, pull_requests: [], status: "completed", conclusion: "action_required" });
  payload.requested_action = { identifier: options.identifier ?? "approve" };
  payload.sender = person(payload.sender, options.sender);
  return event("check_run", payload);
}

/** A review submitted on pull request `number` at `commitId`. */
export function reviewSubmitted(options: { number: number; head: string; base: string; commitId: string; reviewer: Person; state?: string; body?: string | null }): TestEvent {
  const payload = example("pull_request_review", "submitted", (e) => e.installation !== undefined);
  payload.repository = repository(payload.repository, "acme", "device", REPOSITORY_ID);
  payload.installation = { ...payload.installation, id: INSTALLATION_ID };
  payload.pull_request = pullRequestResource({ number: options.number, head: options.head, base: options.base });
  Object.assign(payload.review, { state: options.state ?? "approved", commit_id: options.commitId, body: options.body ?? null, user: person(payload.review.user, options.reviewer) });
  payload.sender = person(payload.sender, options.reviewer);
  return event("pull_request_review", payload);
}

/** A comment created on pull request `number` (or, with `onIssue`, on a plain issue). */
export function commentCreated(options: { number: number; commentId: number; body: string; author: Person; onIssue?: boolean; ownerType?: "Organization" | "User" }): TestEvent {
  const payload = example("issue_comment", "created", (e) => e.installation !== undefined);
  payload.repository = repository(payload.repository, "acme", "device", REPOSITORY_ID, options.ownerType);
  payload.installation = { ...payload.installation, id: INSTALLATION_ID };
  payload.issue = { ...payload.issue, number: options.number, state: "open" };
  if (options.onIssue) delete payload.issue.pull_request;
  else payload.issue.pull_request = { url: `https://api.github.com/repos/acme/device/pulls/${options.number}`, html_url: `https://github.com/acme/device/pull/${options.number}`, diff_url: "", patch_url: "", merged_at: null };
  Object.assign(payload.comment, { id: options.commentId, body: options.body, user: person(payload.comment.user, options.author) });
  payload.sender = person(payload.sender, options.author);
  return event("issue_comment", payload);
}

/** A review of pull request `number` dismissed by `by` (the review was `reviewer`'s, at `commitId`). */
export function reviewDismissed(options: { number: number; head: string; base: string; commitId: string; reviewer: Person; by: Person }): TestEvent {
  const payload = example("pull_request_review", "dismissed", (e) => e.installation !== undefined);
  payload.repository = repository(payload.repository, "acme", "device", REPOSITORY_ID);
  payload.installation = { ...payload.installation, id: INSTALLATION_ID };
  payload.pull_request = pullRequestResource({ number: options.number, head: options.head, base: options.base });
  Object.assign(payload.review, { state: "dismissed", commit_id: options.commitId, user: person(payload.review.user, options.reviewer) });
  payload.sender = person(payload.sender, options.by);
  return event("pull_request_review", payload);
}

/** The merge queue asks for checks on its branch `gh-readonly-queue/main/pr-<number>-<parent>`. */
export function mergeGroupChecksRequested(options: { headSha: string; number: number; parent: string; baseSha: string }): TestEvent {
  const payload = example("merge_group", "checks_requested", (e) => e.installation !== undefined);
  payload.repository = repository(payload.repository, "acme", "device", REPOSITORY_ID);
  payload.installation = { ...payload.installation, id: INSTALLATION_ID };
  Object.assign(payload.merge_group, {
    head_sha: options.headSha,
    head_ref: `refs/heads/gh-readonly-queue/main/pr-${options.number}-${options.parent}`,
    base_sha: options.baseSha,
    base_ref: "refs/heads/main",
    head_commit: { ...payload.merge_group.head_commit, id: options.headSha },
  });
  return event("merge_group", payload);
}
