import type { RepositoryRole } from "../approval/authorise.js";
import type { Octokit, Repo } from "./octokit.js";

const ROLES = new Set<string>(["admin", "maintain", "write", "triage", "read", "none"]);

/**
 * The user's highest role on the repository, from every source of grants. A custom role is ranked by the
 * base permission GitHub reports for it (`permission`, where maintain counts as write and triage as read),
 * which can only rank it lower than it is, never higher.
 */
export async function repositoryRole(octokit: Octokit, repo: Repo, username: string): Promise<RepositoryRole> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    if (ROLES.has(data.role_name)) return data.role_name as RepositoryRole;
    return ROLES.has(data.permission) ? (data.permission as RepositoryRole) : "none";
  } catch (error) {
    if ((error as { status?: number }).status === 404) return "none";
    throw error;
  }
}
