import { expect } from "@jest/globals";
import type { AppDeps } from "../../src/app/app-deps.js";
import type { FakeRepo } from "./fake-repo.js";
import { record, requirements } from "./fixtures.js";
import { loadApp, type GitHubStandIn, useStandIn } from "./github.js";
import { delivery, pullRequestEvent, type TestEvent } from "./payloads.js";

export const TIMM = "docs/soup/timm.md";
export const NUMPY = "docs/soup/numpy.md";
export const MARKER = "<!-- soup-gate -->\n";
/** QA reviewers are the members of the organisation's `qa` team. */
export const QA_POLICY = "approval:\n  teams: [qa]\n";
export const NUMBER = 2;
/** The pull request's author, who also wrote its commits. */
export const AUTHOR = "dev";
export const COMMENT_ID = 55;

/**
 * A pull request on `acme/device` that bumps timm (covered by its record), and the events around it. Every
 * event is handled by a freshly started App: whatever one event leaves behind, the next finds only in the
 * stand-in GitHub, as after a restart or on another replica.
 */
export class ApprovalFlow {
  readonly base: string;
  readonly head: string;
  policy: string | null = QA_POLICY;
  /** What the Apps this flow starts are given instead of the test's defaults (another database). */
  deps: Partial<AppDeps> = {};

  constructor(
    readonly github: GitHubStandIn,
    readonly repo: FakeRepo,
  ) {
    this.base = repo.commit({
      "requirements.txt": requirements({ numpy: "2.1.0", timm: "1.0.22" }),
      [TIMM]: record("timm", ["1.0.22", "1.0.24"]),
      [NUMPY]: record("numpy", ["2.1.0", "2.1.1"]),
      "README.md": "# Device\n",
    });
    this.head = repo.commit({ "requirements.txt": requirements({ numpy: "2.1.0", timm: "1.0.24" }) }, this.base);
  }

  /** A new App process receives one event. */
  async receive(id: string, event: TestEvent): Promise<void> {
    const probot = await loadApp(undefined, this.deps);
    await probot.receive(delivery(id, event));
  }

  /** Everything one evaluation of `head` reads: the policy, the changed files, both trees, the lockfile and the records. */
  evaluationReads(head: string): this {
    const before = this.repo.files(this.base);
    const after = this.repo.files(head);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path));
    this.github.reads({ number: NUMBER, base: this.base, head, config: this.policy, changed, baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", TIMM, NUMPY] });
    return this;
  }

  /**
   * The pull request is opened at `this.head` (or pushed to `head`, replacing `before`): a `SOUP records` run
   * `recordsRun`, a `SOUP approval` run `approvalRun`, and the comment.
   */
  async push(id: string, options: { head?: string; before?: string; recordsRun: number; approvalRun: number; earlier?: string[]; pusher?: string }): Promise<void> {
    const head = options.head ?? this.head;
    this.github.token().createCheckRun(options.recordsRun, head);
    this.evaluationReads(head);
    this.github.approvalRuns(head);
    if (options.before) this.github.approvalRuns(options.before);
    this.github.createApprovalRun(options.approvalRun, head);
    this.comment(head);
    this.github.updateCheckRun(options.recordsRun);
    const event = options.before
      ? pullRequestEvent({ action: "synchronize", number: NUMBER, head, base: this.base, before: options.before, author: AUTHOR, ...(options.pusher ? { sender: options.pusher } : {}) })
      : pullRequestEvent({ action: "opened", number: NUMBER, head, base: this.base, author: AUTHOR });
    await this.receive(id, event);
  }

  /** The comment exists from the opening on, and is edited in place. */
  comment(head: string): this {
    this.github.comments(NUMBER, [{ id: COMMENT_ID, body: `${MARKER}…` }]).pull(NUMBER, head, this.base, { author: AUTHOR }).updateComment(COMMENT_ID);
    return this;
  }

  /**
   * What every approve or revoke reads before it is judged: the pull request now, and the approval runs on
   * its head. The judging (commits, teams, roles) is declared by each test.
   */
  attemptReads(head = this.head): this {
    this.github.token().pull(NUMBER, head, this.base, { author: AUTHOR }).approvalRuns(head);
    return this;
  }

  /** A judged attempt writes the head's approval run `run` and refreshes the comment. */
  attemptWrites(run: number, head = this.head): this {
    this.evaluationReads(head);
    this.github.updateCheckRun(run);
    this.comment(head);
    return this;
  }

  /** The pull request's commits, all by its author (GitHub's web-flow as committer). */
  commits(...shas: string[]): this {
    this.github.pullCommits(NUMBER, shas.map((sha) => ({ sha, author: AUTHOR })));
    return this;
  }

  approvalRun(headSha = this.head) {
    const run = this.github.checkRuns.latest("SOUP approval", headSha);
    expect(run).toBeDefined();
    return run!;
  }

  /** The comment's text as last written. */
  lastComment(): string {
    const edits = this.github.bodies("PATCH", `/issues/comments/${COMMENT_ID}`);
    return edits[edits.length - 1]?.body ?? "";
  }
}

export interface FlowSetup {
  repo: FakeRepo;
  github: GitHubStandIn;
  flow: ApprovalFlow;
}

/** A fresh stand-in GitHub, its repository and an approval flow over them, for each test. */
export function useApprovalFlow(receive: (setup: FlowSetup) => void): void {
  useStandIn((t) => receive({ repo: t.repo, github: t.github, flow: new ApprovalFlow(t.github, t.repo) }));
}
