import { describe, expect, it } from "@jest/globals";
import type { ApprovalState } from "../../src/approval/approval-state.js";
import { nothingToDo, recordApproval, recordRefusal, recordRevocation } from "../../src/approval/record-attempt.js";

const refused = [{ login: "dev", via: "button" as const, at: "2026-11-20T09:00:00.000Z", reason: "@dev opened this pull request and may not approve its own SOUP changes" }];
const pending: ApprovalState = { v: 1, digest: "d1", state: "pending", refused, invalidated: { approver: "quinn", commit: "abc1234" } };
const approved: ApprovalState = { v: 1, digest: "d1", state: "approved", approver: "quinn", basis: "member of team qa", via: "button", commit: "abc1234", at: "2026-11-20T10:00:00.000Z" };

describe("nothingToDo", () => {
  it.each([
    ["approve, nothing changed", { v: 1, digest: "d", state: "not-needed" }, "approve", "nothing to approve: no dependency in scope changed and no SOUP record changed"],
    ["approve, not required", { v: 1, digest: "d", state: "not-required" }, "approve", "approval is not required by .github/soup.yml"],
    ["revoke, nothing approved", pending, "revoke", "there is no approval to revoke"],
    ["revoke, already revoked", { v: 1, digest: "d", state: "revoked", revokedBy: "dev" }, "revoke", "there is no approval to revoke"],
    ["approve, pending", pending, "approve", undefined],
    ["approve again, approved", approved, "approve", undefined],
    ["revoke, approved", approved, "revoke", undefined],
  ] as const)("%s", (_, mark, command, expected) => {
    expect(nothingToDo(mark as ApprovalState, command)).toBe(expected);
  });
});

describe("recording an attempt", () => {
  it("an approval names the approver, the head commit and the reason, keeps earlier refusals and drops the old invalidation", () => {
    expect(recordApproval(pending, { login: "quinn", via: "comment", at: "2026-11-21T08:00:00.000Z", reason: "anomalies reviewed", basis: "member of team qa", commit: "def5678" })).toEqual({
      v: 1,
      digest: "d1",
      state: "approved",
      approver: "quinn",
      basis: "member of team qa",
      via: "comment",
      commit: "def5678",
      at: "2026-11-21T08:00:00.000Z",
      reason: "anomalies reviewed",
      refused,
    });
  });

  it("a revocation says who withdrew the approval and why", () => {
    expect(recordRevocation(approved, { login: "dev", via: "comment", at: "2026-11-21T08:00:00.000Z", reason: "wrong version" })).toEqual({
      v: 1,
      digest: "d1",
      state: "revoked",
      revokedBy: "dev",
      at: "2026-11-21T08:00:00.000Z",
      reason: "wrong version",
    });
  });

  it("a refusal is appended and leaves the state as it was", () => {
    const next = recordRefusal(approved, { login: "ada", via: "comment", at: "2026-11-21T08:00:00.000Z", reason: "@ada is not an authorised SOUP reviewer" });
    expect(next).toEqual({ ...approved, refused: [{ login: "ada", via: "comment", at: "2026-11-21T08:00:00.000Z", reason: "@ada is not an authorised SOUP reviewer" }] });
  });

  it("the same refusal delivered twice is recorded once", () => {
    const again = recordRefusal(pending, { login: "dev", via: "button", at: "2026-11-20T09:05:00.000Z", reason: refused[0]!.reason });
    expect(again).toBe(pending);
    const other = recordRefusal(pending, { login: "dev", via: "comment", at: "2026-11-20T09:05:00.000Z", reason: refused[0]!.reason });
    expect(other.refused).toHaveLength(2);
  });
});
