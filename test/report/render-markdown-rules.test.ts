import { describe, expect, test } from "@jest/globals";
import type { Anomaly } from "../../src/anomalies/advisory.js";
import { versionKey } from "../../src/anomalies/ask-anomalies.js";
import { defaultConfig } from "../../src/policy/config.js";
import { evaluate } from "../../src/policy/evaluate.js";
import type { Evaluation } from "../../src/policy/evaluation.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import type { Change, SoupRecord } from "../../src/types.js";

const change = (name: string, overrides: Partial<Change> = {}): Change => ({
  ecosystem: "npm", name, kind: "added", from: null, to: "1.0.0", lockfile: "package-lock.json", line: 10, direct: true, dev: false, ...overrides,
});
const covering = (name: string): SoupRecord => ({
  path: `docs/soup/${name}.md`, form: "front-matter", packages: [name], aliases: [], versions: ["1.0.0"], spans: [], versionRanges: [], latestReviewed: "1.0.0", lastReviewDate: "2026-10-01", lines: {}, problems: [],
});
const run = (changes: Change[], records: SoupRecord[] = [], extra: Partial<Parameters<typeof evaluate>[0]> = {}): Evaluation =>
  evaluate({ changes, records, config: defaultConfig(), today: "2026-11-26", ...extra });

/** The advisory of the README's example, as OSV groups it. */
const TORCH_LOAD_RCE: Anomaly = { id: "GHSA-53q9-r3pm-6pq6", aliases: ["CVE-2025-32434"], severity: "critical", summary: "PyTorch: `torch.load` with `weights_only=True` leads to remote code execution", url: "https://osv.dev/vulnerability/GHSA-53q9-r3pm-6pq6" };
/** An advisory source that found TORCH_LOAD_RCE in the new version of each change. */
const affectedByTorchLoadRce = (changes: Change[]): Partial<Parameters<typeof evaluate>[0]> => ({
  anomalies: { state: "checked", source: "OSV", byVersion: new Map(changes.map((c) => [versionKey({ ecosystem: c.ecosystem, name: c.name, version: c.to ?? "" }), [TORCH_LOAD_RCE]])) },
});

describe("renderMarkdown", () => {
  test("the approval section lists the advisories nobody has assessed, so that QA sees them before approving", () => {
    const torch = change("torch", { ecosystem: "pypi", to: "2.5.1", lockfile: "requirements.txt" });
    const approval = "#### SOUP approval\n\nA QA reviewer approves with `/soup approve`.";
    const text = renderMarkdown(run([torch], [{ ...covering("torch"), versions: ["2.5.1"], latestReviewed: "2.5.1" }], affectedByTorchLoadRce([torch])), { approval });
    const section = text.slice(text.indexOf(approval));
    expect(section).toMatch(/^#### SOUP approval\n\nA QA reviewer approves with `\/soup approve`\.\n\nPublished advisories not assessed in the records yet:\n- .*GHSA-53q9-r3pm-6pq6/);
    // Nothing to assess: the approval text alone.
    expect(renderMarkdown(run([torch], [{ ...covering("torch"), versions: ["2.5.1"], latestReviewed: "2.5.1" }]), { approval })).not.toContain("Published advisories");
  });

  test("a draft record for a package affected by an advisory lists it, ready to assess", () => {
    const torch = change("torch", { ecosystem: "pypi", to: "2.5.1", lockfile: "requirements.txt" });
    const text = renderMarkdown(run([torch], [], affectedByTorchLoadRce([torch])), { drafts: true });
    const draft = text.slice(text.indexOf("#### Draft records"));
    expect(draft).toContain("GHSA-53q9-r3pm-6pq6");
    expect(renderMarkdown(run([torch]), { drafts: true })).not.toContain("GHSA-53q9-r3pm-6pq6");
  });

  test("a removal passes; one that leaves its record behind says to retire it", () => {
    const removed = change("left-pad", { kind: "removed", from: "1.0.0", to: null });
    expect(renderMarkdown(run([removed]))).toMatch(/\| `left-pad` \|.*\| removed \|\n/);
    expect(renderMarkdown(run([removed], [covering("left-pad")], { stillLocked: () => false }))).toMatch(/\| `left-pad` \|.*\| removed; retire its record \|\n/);
  });

  test("a pull request with nothing to do: the verdict and the table, no empty sections", () => {
    expect(renderMarkdown(run([change("zod")], [covering("zod")]), { drafts: true })).toBe(
      [
        "### ✓ SOUP records: 1 dependency change covered by reviewed records.",
        "",
        "| | Ecosystem | Package | Change | Lockfile | Record | Anomalies | Status |",
        "|---|---|---|---|---|---|---|---|",
        "| ✅ | npm | `zod` | added 1.0.0 | [package-lock.json#L10](package-lock.json) | [docs/soup/zod.md](docs/soup/zod.md) | — | covered |",
        "",
      ].join("\n"),
    );
  });

  test("no dependency changes: the verdict alone", () => {
    expect(renderMarkdown(run([]))).toBe("### ✓ SOUP records: no dependency changes.\n");
  });

  test("only changes out of scope: no table of checked changes, the others collapsed", () => {
    const text = renderMarkdown(run([change("jest", { dev: true })]));
    expect(text).toBe(
      [
        "### ✓ SOUP records: 1 dependency change, none in scope of the SOUP policy.",
        "",
        "<details><summary>1 change not checked by the policy (transitive, development only or ignored)</summary>",
        "",
        "| | Ecosystem | Package | Change | Lockfile | Record | Status |",
        "|---|---|---|---|---|---|---|",
        "| ➖ | npm | `jest` | added 1.0.0 | [package-lock.json#L10](package-lock.json) | — | development only (scope.development is false) |",
        "",
        "</details>",
        "",
      ].join("\n"),
    );
  });

  test("a policy finding has no package; a finding without a place has no link; messages stay on one line", () => {
    const e = run([], [], { configErrors: ["scope: expected a mapping"], lockfileErrors: [] });
    const text = renderMarkdown(e, { link: (path, line) => `https://x.test/${path}#L${line}` });
    expect(text).toContain("- ❌ `config-invalid` ([.github/soup.yml#L1](https://x.test/.github/soup.yml#L1)) — .github/soup.yml is invalid — the defaults apply until it is fixed: - scope: expected a mapping");
    const placeless: Evaluation = { ...e, findings: [{ code: "config-invalid", severity: "failure", message: "line one\nline two" }] };
    expect(renderMarkdown(placeless)).toContain("- ❌ `config-invalid` — line one line two\n");
  });

  test("a draft for each missing package once, in the folder given, also when two lockfiles add it", () => {
    const text = renderMarkdown(run([change("left-pad"), change("left-pad", { lockfile: "web/package-lock.json" }), change("zod", { license: "MIT" })]), { drafts: true, recordsDir: "qms/soup" });
    expect(text.match(/Draft record for <code>left-pad<\/code>/g)).toHaveLength(1);
    expect(text).toContain("save as <code>qms/soup/left-pad.md</code>");
    expect(text).toContain('  license: "MIT"');
    expect(text).toContain('  versions: ["1.0.0"]');
    expect(renderMarkdown(run([change("left-pad")]), { drafts: false })).not.toContain("#### Draft records");
  });

  test("a draft whose text holds a code fence is fenced with four backticks", () => {
    const text = renderMarkdown(run([change("a```b")]), { drafts: true });
    expect(text).toContain("````markdown\n");
  });

  test("an edit of the policy file is announced", () => {
    expect(renderMarkdown(run([], [], { configChanged: true }))).toContain("> [!NOTE]\n> This pull request edits `.github/soup.yml`. soup-gate reads the policy from the default branch, so the change applies once it is merged.");
    expect(renderMarkdown(run([]))).not.toContain("[!NOTE]");
  });

  test("a change's status names each problem once, and cells cannot break the table", () => {
    const text = renderMarkdown(run([change("a", { lockfile: "x|y\npackage-lock.json" })]));
    expect(text).toContain("| ❌ | npm | `a` | added 1.0.0 | [x\\|y package-lock.json#L10]");
    expect(text).toContain("| — | no SOUP record |");
  });

  test("a change's status names its failures and warnings, never a notice", () => {
    const e = run([change("a")]);
    const [only] = e.changes;
    const noted: Evaluation = { ...e, changes: [{ ...only!, findings: [...only!.findings, { code: "orphan-record", severity: "notice", message: "an aside" }] }] };
    expect(renderMarkdown(noted)).toMatch(/\| `a` \|.*\| no SOUP record \|\n/);
  });

  test("at the limit exactly, nothing is cut; one character under, the report degrades", () => {
    const e = run([change("a"), change("b"), change("c", { direct: false })]);
    const full = renderMarkdown(e, { maxLength: 1_000_000 });
    expect(renderMarkdown(e, { maxLength: full.length })).toBe(full);
    const shorter = renderMarkdown(e, { maxLength: full.length - 1 });
    expect(shorter.length).toBeLessThan(full.length);
    expect(shorter).toContain("_1 change not checked by the policy (transitive, development only or ignored)._");
  });

  test("when even the verdict does not fit, the text is cut and says so", () => {
    const text = renderMarkdown(run([change("a")]), { maxLength: 200 });
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text).toMatch(/\n\n_…report truncated to fit GitHub's size limit\._\n$/);
  });

  test("the cut table counts what it left out, exactly", () => {
    const e = run(Array.from({ length: 30 }, (_, i) => change(`pkg-${String(i).padStart(2, "0")}`)));
    const full = renderMarkdown(e, { maxLength: 1_000_000 });
    const text = renderMarkdown(e, { maxLength: Math.floor(full.length / 2) });
    const rows = text.split("\n").filter((l) => l.startsWith("| ❌")).length;
    expect(rows).toBeGreaterThan(0);
    expect(text).toContain(`_…and ${30 - rows} more checked changes, not listed to fit GitHub's size limit; the check run's annotations list every one._`);
    const todo = text.split("\n").filter((l) => l.startsWith("- ❌")).length;
    expect(text).toContain(`- …and ${30 - todo} more, not listed to fit GitHub's size limit: see the check run's annotations.`);
  });
});
