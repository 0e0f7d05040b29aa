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

function repository(template: Record<string, any>, owner: string, name: string, id: number): Record<string, any> {
  return {
    ...template,
    id,
    name,
    full_name: `${owner}/${name}`,
    owner: { ...template.owner, login: owner },
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
  const headRepo = options.fork ? repository(payload.pull_request.head.repo, forkOwner!, forkName!, REPOSITORY_ID + 1) : base;
  payload.action = options.action;
  payload.number = options.number;
  payload.repository = base;
  payload.installation = { ...payload.installation, id: INSTALLATION_ID };
  const pr = payload.pull_request;
  Object.assign(pr, {
    number: options.number,
    state: "open",
    html_url: `https://github.com/${owner}/${repo}/pull/${options.number}`,
    url: `https://api.github.com/repos/${owner}/${repo}/pulls/${options.number}`,
  });
  pr.head = { ...pr.head, sha: options.head, ref: "feature", label: `${headRepo.owner.login}:feature`, repo: headRepo };
  pr.base = { ...pr.base, sha: options.base, ref: "main", label: `${owner}:main`, repo: base };
  if (options.changes) payload.changes = options.changes;
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
