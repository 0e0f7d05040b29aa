import { describe, expect, test } from "@jest/globals";
import type { EvaluatedChange, Evaluation } from "../../src/policy/evaluation.js";
import { checkRunTitle, renderCheckRun, renderCheckRunError } from "../../src/report/render-check-run.js";
import type { Finding } from "../../src/types.js";

function change(name: string, overrides: Partial<EvaluatedChange> = {}): EvaluatedChange {
  return { ecosystem: "npm", name, kind: "upgraded", from: "1.0.0", to: "1.1.0", lockfile: "package-lock.json", line: 10, direct: true, dev: false, inScope: true, findings: [], ...overrides };
}

function finding(code: Finding["code"], severity: Finding["severity"], extra: Partial<Finding> = {}): Finding {
  return { code, severity, message: `${code} message`, path: "package-lock.json", line: 10, ...extra };
}

function evaluation(changes: EvaluatedChange[], findings: Finding[]): Evaluation {
  return { conclusion: findings.some((f) => f.severity === "failure") ? "failure" : "success", changes, findings, digest: "d".repeat(64), lockfiles: ["package-lock.json"], changedRecords: [], configChanged: false };
}

const options = { link: (path: string, line?: number) => `https://example.test/${path}${line ? `#L${line}` : ""}`, annotatable: () => true, externalId: "2:digest" };

describe("checkRunTitle", () => {
  test.each([
    ["nothing changed", evaluation([], []), "No dependency changes"],
    ["one covered change", evaluation([change("a", { record: "docs/soup/a.md" })], []), "1 dependency change covered by reviewed records"],
    ["changes out of scope", evaluation([change("a", { inScope: false }), change("b", { inScope: false })], []), "2 dependency changes, none in scope of the SOUP policy"],
    ["a warning on a pass", evaluation([change("a")], [finding("review-due-soon", "warning")]), "1 dependency change covered by reviewed records; 1 warning: 1 review due soon"],
    [
      "failures by code, in the findings' order",
      evaluation([change("a"), change("b"), change("c")], [finding("missing-record", "failure"), finding("missing-record", "failure"), finding("version-not-recorded", "failure"), finding("unpinned", "warning")]),
      "3 problems to fix: 2 missing records, 1 version not recorded",
    ],
    ["a policy problem alone", evaluation([], [finding("config-invalid", "failure", { path: ".github/soup.yml", line: 1 })]), "1 problem to fix: 1 invalid policy file"],
  ])("%s", (_, input, title) => {
    expect(checkRunTitle(input)).toBe(title);
  });
});

describe("renderCheckRun", () => {
  test("annotations: findings at their lines, a notice on each checked change that passed, nothing for removals or out-of-scope changes", () => {
    const missing = finding("missing-record", "failure", { name: "b", line: 20 });
    const overdue = finding("review-overdue", "failure", { path: "docs/soup/c.md", line: 7, name: "c" });
    const input = evaluation(
      [change("a", { record: "docs/soup/a.md", line: 5 }), change("b", { line: 20, findings: [missing] }), change("c", { findings: [overdue] }), change("d", { kind: "removed", to: null }), change("e", { inScope: false })],
      [overdue, missing],
    );
    const [update] = renderCheckRun(input, options);
    expect(update!.output.annotations).toEqual([
      { path: "docs/soup/c.md", start_line: 7, end_line: 7, annotation_level: "failure", title: "Review overdue: c", message: "review-overdue message" },
      { path: "package-lock.json", start_line: 20, end_line: 20, annotation_level: "failure", title: "No SOUP record: b", message: "missing-record message" },
      { path: "package-lock.json", start_line: 5, end_line: 5, annotation_level: "notice", title: "Covered: a 1.0.0 → 1.1.0", message: "a (npm) 1.0.0 → 1.1.0 is covered by docs/soup/a.md." },
    ]);
  });

  test("a path outside the head commit gets no annotation; the finding stays in the summary", () => {
    const elsewhere = finding("record-invalid", "failure", { path: "docs/soup/z.md", line: 3 });
    const [update] = renderCheckRun(evaluation([], [elsewhere]), { ...options, annotatable: (path) => path !== "docs/soup/z.md" });
    expect(update!.output.annotations).toBeUndefined();
    expect(update!.output.summary).toContain("record-invalid");
  });

  test("51 annotations: two updates, the first in progress with 50, the last completing with 1", () => {
    const changes = Array.from({ length: 51 }, (_, i) => change(`p${i}`, { line: i + 1 }));
    const updates = renderCheckRun(evaluation(changes, []), options);
    expect(updates.map((u) => [u.status, u.conclusion, u.external_id, u.output.annotations?.length])).toEqual([
      ["in_progress", undefined, undefined, 50],
      ["completed", "success", "2:digest", 1],
    ]);
    expect(updates[0]!.output.title).toBe(updates[1]!.output.title);
  });

  test("past 1,000 annotations the rest are left out and the output says so", () => {
    const changes = Array.from({ length: 1001 }, (_, i) => change(`p${i}`, { line: i + 1 }));
    const updates = renderCheckRun(evaluation(changes, []), options);
    expect(updates).toHaveLength(20);
    expect(updates.flatMap((u) => u.output.annotations ?? [])).toHaveLength(1000);
    expect(updates[19]!.output.text).toBe("Only the first 1000 of 1001 annotations are shown; the summary lists every change.");
  });

  test("titles and messages are kept within GitHub's limits", () => {
    const long = finding("missing-record", "failure", { name: "n".repeat(400), message: "m".repeat(70_000) });
    const [update] = renderCheckRun(evaluation([change("n".repeat(400), { findings: [long] })], [long]), options);
    const [annotation] = update!.output.annotations!;
    expect(annotation!.title.length).toBe(255);
    expect(Buffer.byteLength(annotation!.message)).toBeLessThanOrEqual(64 * 1024);
  });
});

describe("renderCheckRunError", () => {
  test("fails closed with the reason in the title and a next step in the summary", () => {
    const update = renderCheckRunError("GitHub answered 502 to GET /repos/acme/device/pulls/2/files (Server Error)\nstack…");
    expect(update.status).toBe("completed");
    expect(update.conclusion).toBe("failure");
    expect(update.output.title).toBe("SOUP check could not complete: GitHub answered 502 to GET /repos/acme/device/pulls/2/files (Server Error)");
    expect(update.output.summary).toContain("**What to do:** re-run this check");
  });
});
