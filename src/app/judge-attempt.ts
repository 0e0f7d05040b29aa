import type { ApprovalVia } from "../approval/approval-state.js";
import { authorise, describePolicy, type Authorisation } from "../approval/authorise.js";
import type { Command } from "../approval/record-attempt.js";
import { describeError } from "../github/describe-error.js";
import { listPullRequestCommits } from "../github/pull-request-commits.js";
import { repositoryRole } from "../github/repository-role.js";
import { isActiveTeamMember } from "../github/team-membership.js";
import type { Config } from "../policy/config.js";
import type { Site } from "./evaluate-pull-request.js";

export interface Attempt {
  command: Command;
  login: string;
  isBot: boolean;
  via: ApprovalVia;
  /** The commit the person acted on (the button's run, the reviewed commit); a comment acts on the head. */
  target?: string;
}

export interface Subject {
  number: number;
  headSha: string;
  author: string;
  /** Who pushed the head, when soup-gate saw that push: an author, as the commits' authors are. */
  pusher?: string;
  policy: Config["approval"];
  /** Teams exist only in organisations: a user-owned repository has none to ask about. */
  ownerIsOrganisation: boolean;
}

const short = (sha: string) => sha.slice(0, 7);

/**
 * May this person do this, now? Everything is asked of GitHub at this moment: the pull request's commits
 * and their authors, team memberships, repository roles. Approving follows the policy (authorise());
 * revoking only makes the gate stricter, so authorised reviewers may revoke even on pull requests they
 * committed to, and so may the pull request's author; bots never. When GitHub cannot answer, the attempt
 * is refused and says why: an approval is never granted on a guess.
 */
export async function judgeAttempt(site: Site, attempt: Attempt, subject: Subject): Promise<Authorisation> {
  const { login } = attempt;
  if (attempt.target && attempt.target !== subject.headSha) {
    const what = attempt.via === "button" ? `clicked Approve on the check of commit ${short(attempt.target)}` : `approved commit ${short(attempt.target)}`;
    return { ok: false, reason: `@${login} ${what}, but the head is now ${short(subject.headSha)}` };
  }
  const policy = attempt.command === "revoke" ? { ...subject.policy, allow_authors: true } : subject.policy;
  try {
    if (attempt.command === "revoke") {
      if (attempt.isBot || login.toLowerCase().endsWith("[bot]")) return { ok: false, reason: `@${login} is a bot; only people may revoke an approval` };
      if (login.toLowerCase() === subject.author.toLowerCase()) return { ok: true, basis: "author of the pull request" };
    }
    const commitAuthors = policy.allow_authors ? [] : (await listPullRequestCommits(site.octokit, site.repo, subject.number)).flatMap((commit) => commit.people);
    const verdict = await authorise({
      login,
      isBot: attempt.isBot,
      pullRequestAuthor: subject.author,
      commitAuthors,
      ...(subject.pusher ? { pusher: subject.pusher } : {}),
      policy,
      isActiveTeamMember: (team) => teamMember(site, subject, team, login),
      roleOf: () => repositoryRole(site.octokit, site.repo, login),
    });
    if (verdict.ok || attempt.command === "approve") return verdict;
    return { ok: false, reason: `@${login} may not revoke the approval: only authorised SOUP reviewers and the pull request's author may (${describePolicy(subject.policy)})` };
  } catch (error) {
    return { ok: false, reason: `@${login} could not be authorised, GitHub did not answer as expected: ${describeError(error)}` };
  }
}

/** `approval.teams` names teams of the repository's organisation; a user's repository has no teams. */
async function teamMember(site: Site, subject: Subject, team: string, login: string): Promise<boolean> {
  return subject.ownerIsOrganisation && isActiveTeamMember(site.octokit, site.repo.owner, team, login);
}
