import type { ApprovalPermission, Config } from "../policy/config.js";

export type RepositoryRole = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface AuthoriseInput {
  login: string;
  /** `sender.type === "Bot"` or a `[bot]` login. */
  isBot: boolean;
  pullRequestAuthor: string;
  /** GitHub logins of the authors and committers of the pull request's commits. */
  commitAuthors: readonly string[];
  /** Who pushed the head, when soup-gate saw the push: an author too, whoever wrote the commits. */
  pusher?: string;
  policy: Config["approval"];
  /** Is the user an active member of the org team? Asked of GitHub at the moment of approval. */
  isActiveTeamMember: (team: string) => Promise<boolean>;
  /** The user's role on the repository, asked of GitHub at the moment of approval. */
  roleOf: () => Promise<RepositoryRole>;
}

export type Authorisation = { ok: true; basis: string } | { ok: false; reason: string };

const RANK: Record<RepositoryRole, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

/** With no team, user or role configured, repository maintainers and admins may approve. */
export const FALLBACK_PERMISSION: ApprovalPermission = "maintain";

/**
 * May this user approve the SOUP changes of this pull request? Refusals come first — bots, the author,
 * commit authors — so that no team or role can override them; then the policy's teams, users and role,
 * each checked against GitHub now, never from a cache.
 */
export async function authorise(input: AuthoriseInput): Promise<Authorisation> {
  const login = input.login.toLowerCase();
  const { policy } = input;
  if (input.isBot || login.endsWith("[bot]")) return { ok: false, reason: `@${input.login} is a bot; only people may approve SOUP changes` };
  if (!policy.allow_authors) {
    if (login === input.pullRequestAuthor.toLowerCase()) return { ok: false, reason: `@${input.login} opened this pull request and may not approve its own SOUP changes` };
    if (input.commitAuthors.some((a) => a.toLowerCase() === login)) return { ok: false, reason: `@${input.login} authored commits in this pull request and may not approve its own SOUP changes` };
    if (input.pusher?.toLowerCase() === login) return { ok: false, reason: `@${input.login} pushed the head of this pull request and may not approve its own SOUP changes` };
  }
  if (policy.users.some((u) => u.toLowerCase() === login)) return { ok: true, basis: "listed in approval.users" };
  for (const team of policy.teams) {
    if (await input.isActiveTeamMember(team)) return { ok: true, basis: `member of team ${team}` };
  }
  const configured = policy.teams.length > 0 || policy.users.length > 0 || policy.permission !== null;
  const needed = policy.permission ?? (configured ? undefined : FALLBACK_PERMISSION);
  if (needed) {
    const role = await input.roleOf();
    if (RANK[role] >= RANK[needed]) return { ok: true, basis: `${role} on the repository` };
  }
  return { ok: false, reason: `@${input.login} is not an authorised SOUP reviewer (${describePolicy(policy)})` };
}

export function describePolicy(policy: Config["approval"]): string {
  const who: string[] = [];
  if (policy.teams.length > 0) who.push(`members of ${policy.teams.map((t) => `team ${t}`).join(", ")}`);
  if (policy.users.length > 0) who.push(policy.users.map((u) => `@${u}`).join(", "));
  const needed = policy.permission ?? (who.length === 0 ? FALLBACK_PERMISSION : null);
  if (needed) who.push(`collaborators with ${needed} access or more`);
  return `approval is open to ${who.join("; ")}`;
}
