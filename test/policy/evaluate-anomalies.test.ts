import { describe, expect, test } from "@jest/globals";
import type { Anomaly } from "../../src/anomalies/advisory.js";
import { versionKey, type AnomalyReport } from "../../src/anomalies/ask-anomalies.js";
import { defaultConfig } from "../../src/policy/config.js";
import { evaluate } from "../../src/policy/evaluate.js";
import type { Change, SoupRecord } from "../../src/types.js";

// The anomaly check of the policy: which published advisories a record has assessed, and what happens when
// the source could not be asked. The advisory is the real one of the README's example (GHSA-53q9-r3pm-6pq6).

const TORCH_LOAD_RCE: Anomaly = { id: "GHSA-53q9-r3pm-6pq6", aliases: ["CVE-2025-32434"], severity: "critical", summary: "PyTorch: `torch.load` with `weights_only=True` leads to remote code execution", url: "https://osv.dev/vulnerability/GHSA-53q9-r3pm-6pq6" };

const bump = (name: string, to = "2.5.1", line = 27): Change => ({ ecosystem: "pypi", name, kind: "changed", from: "2.4.1", to, lockfile: "requirements.txt", line, direct: true, dev: false });
const record = (name: string, anomalies: string[] = []): SoupRecord => ({
  path: `docs/soup/${name}.md`, form: "front-matter", packages: [name], aliases: [], versions: ["2.5.1"], spans: [], versionRanges: [], latestReviewed: "2.5.1", lastReviewDate: "2026-10-01", lines: {}, problems: [],
  ...(anomalies.length > 0 ? { anomalies: anomalies.map((id, i) => ({ id, line: 20 + i })) } : {}),
});
const found = (changes: Change[], anomalies: Anomaly[]): AnomalyReport => ({
  state: "checked", source: "OSV", byVersion: new Map(changes.map((c) => [versionKey({ ecosystem: c.ecosystem, name: c.name, version: c.to! }), anomalies])),
});
const run = (changes: Change[], records: SoupRecord[], anomalies: AnomalyReport) => evaluate({ changes, records, config: defaultConfig(), today: "2026-11-26", anomalies });

describe("published anomalies against the record's assessment", () => {
  test("an advisory the record has not assessed fails the change, naming the advisory, its aliases and what to add", () => {
    const torch = bump("torch");
    const e = run([torch], [record("torch")], found([torch], [TORCH_LOAD_RCE]));
    expect(e.conclusion).toBe("failure");
    const [change] = e.changes;
    expect(change!.anomalies).toEqual({ state: "checked", assessed: [], unassessed: [TORCH_LOAD_RCE] });
    expect(change!.findings).toEqual([
      expect.objectContaining({
        code: "anomaly-not-assessed",
        severity: "failure",
        message:
          "torch 2.5.1 is affected by GHSA-53q9-r3pm-6pq6 (CVE-2025-32434), severity critical: PyTorch: `torch.load` with `weights_only=True` leads to remote code execution — https://osv.dev/vulnerability/GHSA-53q9-r3pm-6pq6. docs/soup/torch.md has not assessed it: add GHSA-53q9-r3pm-6pq6 (or any of CVE-2025-32434) to its known anomalies, saying whether it applies to the device, why, and the date of the review.",
      }),
    ]);
  });

  test("an advisory with no alias, rating or summary is named by its id alone; the finding points at the record's anomalies list", () => {
    const torch = bump("torch");
    const bare: Anomaly = { id: "PYSEC-2025-41", aliases: [], url: "https://osv.dev/vulnerability/PYSEC-2025-41" };
    const listed = { ...record("torch"), lines: { package: 3, anomalies: 18 } };
    const [finding] = run([torch], [listed], found([torch], [bare])).changes[0]!.findings;
    expect(finding).toMatchObject({
      message: "torch 2.5.1 is affected by PYSEC-2025-41 — https://osv.dev/vulnerability/PYSEC-2025-41. docs/soup/torch.md has not assessed it: add PYSEC-2025-41 to its known anomalies, saying whether it applies to the device, why, and the date of the review.",
      related: { path: "docs/soup/torch.md", line: 18 },
      advisory: { id: "PYSEC-2025-41", aliases: [], severity: null, url: "https://osv.dev/vulnerability/PYSEC-2025-41" },
    });
    // Without an anomalies list, at the package's line.
    const [atPackage] = run([torch], [{ ...record("torch"), lines: { package: 3 } }], found([torch], [bare])).changes[0]!.findings;
    expect(atPackage).toMatchObject({ related: { path: "docs/soup/torch.md", line: 3 } });
  });

  test("assessed under any of its ids, in any case and with stray spaces, it passes", () => {
    const torch = bump("torch");
    for (const id of ["GHSA-53q9-r3pm-6pq6", " cve-2025-32434 ", "ghsa-53Q9-R3PM-6PQ6"]) {
      const e = run([torch], [record("torch", [id])], found([torch], [TORCH_LOAD_RCE]));
      expect(e.conclusion).toBe("success");
      expect(e.changes[0]!.anomalies).toEqual({ state: "checked", assessed: [TORCH_LOAD_RCE], unassessed: [] });
    }
  });

  test("an assessment of another advisory does not count", () => {
    const torch = bump("torch");
    const e = run([torch], [record("torch", ["CVE-2024-31580"])], found([torch], [TORCH_LOAD_RCE]));
    expect(e.changes[0]!.findings.map((f) => f.code)).toEqual(["anomaly-not-assessed"]);
  });

  test("a version no advisory affects is checked and clean", () => {
    const torch = bump("torch");
    const e = run([torch], [record("torch")], found([], []));
    expect(e.conclusion).toBe("success");
    expect(e.changes[0]!.anomalies).toEqual({ state: "checked", assessed: [], unassessed: [] });
  });

  test("without a record, the missing record is the finding; the advisories still show for its draft", () => {
    const torch = bump("torch");
    const e = run([torch], [], found([torch], [TORCH_LOAD_RCE]));
    expect(e.changes[0]!.findings.map((f) => f.code)).toEqual(["missing-record"]);
    expect(e.changes[0]!.anomalies).toEqual({ state: "checked", assessed: [], unassessed: [TORCH_LOAD_RCE] });
  });

  test("a source that could not be asked: each change says so, and one warning names them, ten at most", () => {
    const changes = Array.from({ length: 12 }, (_, i) => bump(`pkg-${i}`, "1.0.0", i + 1));
    const report: AnomalyReport = { state: "unavailable", source: "the OSV API (https://api.osv.dev)", reason: "the OSV API answered 503" };
    const e = run(changes, changes.map((c) => record(c.name)), report);
    expect(e.changes.map((c) => c.anomalies)).toEqual(changes.map(() => ({ state: "unavailable" })));
    const names = changes.slice(0, 10).map((c) => `${c.name} 1.0.0`).join(", ");
    expect(e.findings).toContainEqual(
      expect.objectContaining({
        code: "anomaly-check-unavailable",
        severity: "warning",
        message: `The published anomalies of 12 changed packages were not checked (${names}, and 2 more): the OSV API answered 503. Re-run the check when the OSV API (https://api.osv.dev) answers again.`,
      }),
    );
    const one = run([bump("torch")], [record("torch")], report);
    expect(one.findings).toContainEqual(expect.objectContaining({ code: "anomaly-check-unavailable", message: expect.stringMatching(/^The published anomalies of 1 changed package were not checked \(torch 2\.5\.1\): /) }));
  });

  test("a removal asks nothing", () => {
    const removed: Change = { ...bump("torch"), kind: "removed", to: null };
    const e = run([removed], [], { state: "unavailable", source: "OSV", reason: "down" });
    expect(e.changes[0]!.anomalies).toBeUndefined();
    expect(e.findings.map((f) => f.code)).not.toContain("anomaly-check-unavailable");
  });
});
