import type { Octokit } from "./octokit.js";

/**
 * Is `username` an active member of the organisation's team (child teams included, as GitHub counts
 * them)? A pending invitation is not membership; 404 means not a member, or a team the App cannot see.
 */
export async function isActiveTeamMember(octokit: Octokit, org: string, teamSlug: string, username: string): Promise<boolean> {
  try {
    const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: teamSlug, username });
    return data.state === "active";
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}
