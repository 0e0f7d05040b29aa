import { authorise, type AuthoriseInput, type RepositoryRole } from "../../src/approval/authorise.js";
import { defaultConfig } from "../../src/policy/config.js";

function input(overrides: Partial<AuthoriseInput> & { teams?: string[]; users?: string[]; permission?: "write" | "maintain" | "admin" | null; allowAuthors?: boolean; memberOf?: string[]; role?: RepositoryRole } = {}): AuthoriseInput {
  const policy = { ...defaultConfig().approval, teams: overrides.teams ?? ["qa"], users: overrides.users ?? [], permission: overrides.permission ?? null, allow_authors: overrides.allowAuthors ?? false };
  return {
    login: "quinn", isBot: false, pullRequestAuthor: "dev", commitAuthors: ["dev"], policy,
    isActiveTeamMember: async (team) => (overrides.memberOf ?? []).includes(team),
    roleOf: async () => overrides.role ?? "read",
    ...overrides,
  };
}

describe("authorise", () => {
  it("accepts an active member of an approval team", async () => {
    expect(await authorise(input({ memberOf: ["qa"] }))).toEqual({ ok: true, basis: "member of team qa" });
  });

  it("refuses a repository admin outside the QA team", async () => {
    expect(await authorise(input({ role: "admin" }))).toEqual({ ok: false, reason: "@quinn is not an authorised SOUP reviewer (approval is open to members of team qa)" });
  });

  it("refuses the pull request's author and commit authors even in the QA team", async () => {
    expect(await authorise(input({ login: "Dev", memberOf: ["qa"] }))).toEqual({ ok: false, reason: "@Dev opened this pull request and may not approve its own SOUP changes" });
    expect(await authorise(input({ commitAuthors: ["dev", "quinn"], memberOf: ["qa"] }))).toEqual({ ok: false, reason: "@quinn authored commits in this pull request and may not approve its own SOUP changes" });
    expect(await authorise(input({ login: "dev", memberOf: ["qa"], allowAuthors: true }))).toEqual({ ok: true, basis: "member of team qa" });
  });

  it("refuses whoever pushed the head, even in the QA team, unless authors may approve", async () => {
    expect(await authorise(input({ pusher: "Quinn", memberOf: ["qa"] }))).toEqual({ ok: false, reason: "@quinn pushed the head of this pull request and may not approve its own SOUP changes" });
    expect(await authorise(input({ pusher: "quinn", memberOf: ["qa"], allowAuthors: true }))).toEqual({ ok: true, basis: "member of team qa" });
  });

  it("never accepts a bot", async () => {
    expect((await authorise(input({ login: "renovate[bot]", users: ["renovate[bot]"] }))).ok).toBe(false);
    expect((await authorise(input({ isBot: true, memberOf: ["qa"] }))).ok).toBe(false);
  });

  it("accepts listed users, and a minimum role when the policy sets one", async () => {
    expect(await authorise(input({ teams: [], users: ["Quinn"] }))).toEqual({ ok: true, basis: "listed in approval.users" });
    expect(await authorise(input({ teams: [], permission: "maintain", role: "admin" }))).toEqual({ ok: true, basis: "admin on the repository" });
    expect((await authorise(input({ teams: [], permission: "maintain", role: "write" }))).ok).toBe(false);
  });

  it("falls back to maintainers and admins when the policy names no reviewer", async () => {
    expect(await authorise(input({ teams: [], role: "maintain" }))).toEqual({ ok: true, basis: "maintain on the repository" });
    expect(await authorise(input({ teams: [], role: "write" }))).toEqual({ ok: false, reason: "@quinn is not an authorised SOUP reviewer (approval is open to collaborators with maintain access or more)" });
  });

  it("asks GitHub nothing about teams once a refusal is certain", async () => {
    const asked: string[] = [];
    await authorise(input({ login: "dev", isActiveTeamMember: async (t) => (asked.push(t), true) }));
    expect(asked).toEqual([]);
  });
});
