import { decodeApprovalState, encodeApprovalState, type ApprovalState } from "../../src/approval/approval-state.js";
import { decideApproval } from "../../src/approval/decide-approval.js";
import { defaultConfig } from "../../src/policy/config.js";
import { evaluate } from "../../src/policy/evaluate.js";
import { renderApprovalCheck, renderApprovalSection } from "../../src/report/render-approval.js";

const approved: ApprovalState = { v: 1, digest: "d1", state: "approved", approver: "quinn", basis: "member of team qa", via: "comment", commit: "abcdef1234567890", at: "2026-11-20T10:00:00Z", reason: "anomalies reviewed" };

describe("approval mark", () => {
  it("survives a round trip through a check run's text", () => {
    expect(decodeApprovalState(`intro\n${encodeApprovalState(approved)}\nmore`)).toEqual(approved);
  });

  it("keeps a reason containing -- inside the HTML comment", () => {
    const mark = { ...approved, reason: "ok -- really -->" };
    const encoded = encodeApprovalState(mark);
    expect(encoded.slice(4, -3)).not.toContain("--");
    expect(decodeApprovalState(encoded)).toEqual(mark);
  });

  it.each([undefined, "", "no mark", "<!-- soup-gate:approval {not json} -->", '<!-- soup-gate:approval {"v":2,"digest":"d","state":"approved"} -->', '<!-- soup-gate:approval {"v":1,"digest":"d","state":"approved"} -->'])("reads %j as no mark", (text) => {
    expect(decodeApprovalState(text)).toBeUndefined();
  });

  it("keeps only the latest ten refused attempts", () => {
    const refused = Array.from({ length: 12 }, (_, i) => ({ login: `u${i}`, via: "button" as const, at: "2026-11-20T10:00:00Z", reason: "no" }));
    expect(decodeApprovalState(encodeApprovalState({ v: 1, digest: "d", state: "pending", refused }))?.refused?.map((a) => a.login)).toEqual(["u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "u10", "u11"]);
  });
});

describe("decideApproval", () => {
  const needed = { digest: "d1", needed: true, required: true };
  it.each([
    ["nothing to approve", undefined, { ...needed, needed: false }, { v: 1, digest: "d1", state: "not-needed" }],
    ["approval not required", undefined, { ...needed, required: false }, { v: 1, digest: "d1", state: "not-required" }],
    ["a first evaluation", undefined, needed, { v: 1, digest: "d1", state: "pending" }],
    ["an unchanged digest carries the approval forward", approved, needed, approved],
    ["a changed digest invalidates it", approved, { ...needed, digest: "d2" }, { v: 1, digest: "d2", state: "pending", invalidated: { approver: "quinn", commit: "abcdef1234567890" } }],
  ] as const)("%s", (_, previous, context, expected) => {
    expect(decideApproval(previous, context)).toEqual(expected);
  });
});

describe("renderApprovalCheck", () => {
  const evaluation = evaluate({
    changes: [{ ecosystem: "pypi", name: "timm", kind: "upgraded", from: "1.0.22", to: "1.0.24", lockfile: "requirements.txt", line: 3, direct: true, dev: false }],
    records: [], config: defaultConfig(), today: "2026-11-26",
  });
  const who = "approval is open to members of team qa";

  it("asks for approval with the button and says what is being approved", () => {
    const out = renderApprovalCheck({ v: 1, digest: "d1", state: "pending" }, evaluation, who);
    expect(out.conclusion).toBe("action_required");
    expect(out.title).toBe("Waiting for QA approval");
    expect(out.actions).toEqual([{ label: "Approve", identifier: "approve", description: "Approve these SOUP changes (QA only)" }]);
    expect(out.summary).toContain("- pypi `timm` 1.0.22 → 1.0.24 (requirements.txt)");
    expect(out.summary).toContain("Approval is open to members of team qa.");
    expect(decodeApprovalState(out.text)).toEqual({ v: 1, digest: "d1", state: "pending" });
    expect(out.text).toContain("Digest: `d1`");
  });

  it("names the approver and the commit approved", () => {
    const out = renderApprovalCheck(approved, evaluation, who);
    expect(out).toMatchObject({ conclusion: "success", title: "Approved by @quinn", actions: [] });
    expect(out.summary).toContain("Approved by @quinn (member of team qa) with /soup approve at commit abcdef1 on 2026-11-20: “anomalies reviewed”.");
  });

  it("explains an invalidated approval and lists refused attempts", () => {
    const out = renderApprovalCheck({ v: 1, digest: "d2", state: "pending", invalidated: { approver: "quinn", commit: "abcdef1234" }, refused: [{ login: "dev", via: "button", at: "2026-11-21T09:30:00Z", reason: "@dev opened this pull request and may not approve its own SOUP changes" }] }, evaluation, who);
    expect(out.title).toBe("Approval invalidated by new changes");
    expect(out.summary).toContain("The approval by @quinn at abcdef1 no longer applies");
    expect(out.summary).toContain("- @dev (button, 2026-11-21 09:30 UTC): @dev opened this pull request and may not approve its own SOUP changes");
  });

  it("says nothing in the comment when there is nothing to approve", () => {
    expect(renderApprovalSection({ v: 1, digest: "d", state: "not-needed" }, who)).toBe("");
    expect(renderApprovalSection(approved, who)).toContain("✅ Approved by @quinn");
  });

  it("stays within GitHub's limits for the button", () => {
    const [action] = renderApprovalCheck({ v: 1, digest: "d1", state: "pending" }, evaluation, who).actions;
    expect(action!.label.length).toBeLessThanOrEqual(20);
    expect(action!.identifier.length).toBeLessThanOrEqual(20);
    expect(action!.description.length).toBeLessThanOrEqual(40);
  });
});
