import { describe, expect, test } from "@jest/globals";
import type { ChainedEntry, HistoryEntry } from "../../../src/history/entry.js";
import { buildTimelines } from "../../../src/history/page/build-timelines.js";
import { approval, change, evaluation, invalidation, refusal, revocation } from "../history-entries.js";

function chain(...entries: HistoryEntry[]): ChainedEntry[] {
  return entries.map((entry, i) => ({ seq: i + 1, hash: String(i).padStart(64, "0"), entry }));
}

describe("buildTimelines", () => {
  test("each pull request that moved the package is one step, in the order first checked, with its checks and decisions", () => {
    const entries = chain(
      evaluation({ pullRequest: 31, pullRequestTitle: "Bump timm to 1.0.22", changes: [change({ from: "1.0.20", to: "1.0.22" })], at: "2025-01-10T09:00:00Z" }),
      approval({ pullRequest: 31, at: "2025-01-10T12:00:00Z" }),
      evaluation({ conclusion: "failure", headSha: "1".repeat(40), changes: [change({ findings: [{ code: "version-not-recorded", severity: "failure", message: "docs/soup/timm.md does not name 1.0.24" }] })] }),
      refusal(),
      evaluation({ headSha: "2".repeat(40), at: "2025-03-04T12:00:00Z" }),
      approval(),
    );
    const [timeline, ...others] = buildTimelines(entries, "timm");
    expect(others).toEqual([]);
    expect(timeline).toMatchObject({ repository: "acme/device", ecosystem: "pypi", name: "timm" });
    expect(timeline!.steps.map((s) => [s.pullRequest, s.change.from, s.change.to, s.standing.state])).toEqual([
      [31, "1.0.20", "1.0.22", "approved"],
      [42, "1.0.22", "1.0.24", "approved"],
    ]);
    const pr42 = timeline!.steps[1]!;
    expect(pr42.checks.map((c) => [c.conclusion, c.headSha.slice(0, 1), c.change.findings.map((f) => f.code)])).toEqual([
      ["failure", "1", ["version-not-recorded"]],
      ["success", "2", []],
    ]);
    expect(pr42.decisions.map((d) => d.entry.kind)).toEqual(["refusal", "approval"]);
  });

  test("PyPI names compare as PEP 503 normalises them; npm names exactly", () => {
    const entries = chain(
      evaluation({ changes: [change({ name: "Typing_Extensions" })] }),
      evaluation({ pullRequest: 43, changes: [change({ ecosystem: "npm", name: "Typing_Extensions" })] }),
    );
    expect(buildTimelines(entries, "typing-extensions").map((t) => [t.ecosystem, t.steps.length])).toEqual([["pypi", 1]]);
    expect(buildTimelines(entries, "Typing_Extensions").map((t) => t.ecosystem)).toEqual(["npm", "pypi"]);
  });

  test("one timeline per repository", () => {
    const entries = chain(evaluation({ repository: "acme/pump" }), evaluation());
    expect(buildTimelines(entries, "timm").map((t) => t.repository)).toEqual(["acme/device", "acme/pump"]);
  });

  test("an approval stands until revoked or invalidated, and counts only for the latest digest", () => {
    const approved = chain(evaluation(), approval());
    expect(buildTimelines(approved, "timm")[0]!.steps[0]!.standing.state).toBe("approved");
    expect(buildTimelines(chain(evaluation(), approval(), revocation()), "timm")[0]!.steps[0]!.standing.state).toBe("revoked");
    expect(buildTimelines(chain(evaluation(), approval(), invalidation(), evaluation({ digest: "e".repeat(64) })), "timm")[0]!.steps[0]!.standing.state).toBe("invalidated");
    expect(buildTimelines(chain(evaluation(), approval(), evaluation({ digest: "f".repeat(64) })), "timm")[0]!.steps[0]!.standing.state).toBe("invalidated");
    expect(buildTimelines(chain(evaluation(), refusal()), "timm")[0]!.steps[0]!.standing.state).toBe("none");
  });

  test("a package no evaluation names has no timeline", () => {
    expect(buildTimelines(chain(evaluation(), approval()), "torch")).toEqual([]);
  });
});
