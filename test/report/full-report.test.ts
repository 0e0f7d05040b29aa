import { describe, expect, test } from "@jest/globals";
import type { ApprovalState } from "../../src/approval/approval-state.js";
import { defaultConfig } from "../../src/policy/config.js";
import { evaluate } from "../../src/policy/evaluate.js";
import { renderApprovalSection } from "../../src/report/render-approval.js";
import { renderCheckRun } from "../../src/report/render-check-run.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import type { Change, SoupRecord } from "../../src/types.js";

/**
 * One pull request with something of every kind — failures, warnings, a notice, a change out of scope, a
 * missing record (so a draft), an approval invalidated by this push with a refused attempt — rendered whole,
 * so that any change to what a developer or a QA reviewer reads shows up here.
 */
const TODAY = "2026-11-26";

function change(name: string, overrides: Partial<Change> = {}): Change {
  return { ecosystem: "pypi", name, kind: "upgraded", from: "1.0.0", to: "1.1.0", lockfile: "services/api/requirements_lock.txt", line: 3, direct: true, dev: false, ...overrides };
}

function record(name: string, overrides: Partial<SoupRecord> = {}): SoupRecord {
  return {
    path: `docs/soup/${name}.md`, form: "front-matter", packages: [name], aliases: [], ecosystem: "pypi", versions: ["1.1.0"], spans: [], versionRanges: [],
    latestReviewed: "1.1.0", lastReviewDate: "2026-06-01", lines: { package: 4, versions: 6, last_review_date: 8 }, problems: [], ...overrides,
  };
}

// Built inside each test, so that a fault in evaluate() fails a test rather than the loading of this file.
const evaluateAll = () => evaluate({
  changes: [
    change("timm", { from: "1.0.22", to: "1.0.24", line: 2 }),
    change("torch", { from: "2.5.1", to: "2.6.0", line: 5 }),
    change("fastapi", { kind: "added", from: null, to: "0.115.6", line: 7 }),
    change("requests", { kind: "added", from: null, to: "", line: 9, lockfile: "requirements.in" }),
    change("numpy", { from: "2.1.0", to: "2.1.1", line: 11 }),
    change("six", { kind: "removed", from: "1.16.0", to: null, line: 14 }),
    change("pytest", { from: "8.3.3", to: "8.3.4", line: 20, dev: true }),
  ],
  records: [
    record("timm", { versions: ["1.0.22", "1.0.24"], latestReviewed: "1.0.24" }),
    record("torch", { versions: ["2.5.1"], latestReviewed: "2.5.1" }),
    record("requests", { versions: ["2.32.3"], latestReviewed: "2.32.3" }),
    record("numpy", { versions: ["2.1.1"], latestReviewed: "2.1.1", lastReviewDate: "2025-12-10" }),
    record("six", { versions: ["1.16.0"], latestReviewed: "1.16.0" }),
  ],
  changedRecords: [{ path: "docs/soup/timm.md", blob: "b".repeat(40) }],
  stillLocked: (_, name) => name !== "six",
  config: defaultConfig(),
  today: TODAY,
});

const invalidated = (digest: string): ApprovalState => ({
  v: 1,
  digest,
  state: "pending",
  invalidated: { approver: "qa-lead", commit: "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567" },
  refused: [{ login: "dev-author", via: "comment", at: "2026-11-26T10:04:00.000Z", reason: "@dev-author opened this pull request and may not approve its own SOUP changes" }],
});

const link = (path: string, line?: number) => `https://github.com/acme/device/blob/abc1234/${path}${line ? `#L${line}` : ""}`;

describe("the whole report", () => {
  test("the pull-request comment", () => {
    const evaluation = evaluateAll();
    const approval = renderApprovalSection(invalidated(evaluation.digest), "approval is open to members of team qa");
    expect(renderMarkdown(evaluation, { drafts: true, link, recordsDir: "docs/soup", approval })).toMatchInlineSnapshot(`
"### ✗ SOUP records: 3 problems to fix before merging (2 warnings).

| | Ecosystem | Package | Change | Lockfile | Record | Anomalies | Status |
|---|---|---|---|---|---|---|---|
| ✅ | pypi | \`timm\` | 1.0.22 → 1.0.24 | [services/api/requirements_lock.txt#L2](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L2) | [docs/soup/timm.md](https://github.com/acme/device/blob/abc1234/docs/soup/timm.md) | — | covered |
| ❌ | pypi | \`torch\` | 2.5.1 → 2.6.0 | [services/api/requirements_lock.txt#L5](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L5) | [docs/soup/torch.md](https://github.com/acme/device/blob/abc1234/docs/soup/torch.md) | — | version not in the record, newer than the reviewed release |
| ❌ | pypi | \`fastapi\` | added 0.115.6 | [services/api/requirements_lock.txt#L7](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L7) | — | — | no SOUP record |
| ⚠️ | pypi | \`requests\` | added unpinned | [requirements.in#L9](https://github.com/acme/device/blob/abc1234/requirements.in#L9) | [docs/soup/requests.md](https://github.com/acme/device/blob/abc1234/docs/soup/requests.md) | — | not pinned |
| ⚠️ | pypi | \`numpy\` | 2.1.0 → 2.1.1 | [services/api/requirements_lock.txt#L11](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L11) | [docs/soup/numpy.md](https://github.com/acme/device/blob/abc1234/docs/soup/numpy.md) | — | review due soon |
| ✅ | pypi | \`six\` | removed 1.16.0 | [services/api/requirements_lock.txt#L14](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L14) | [docs/soup/six.md](https://github.com/acme/device/blob/abc1234/docs/soup/six.md) | — | removed; retire its record |

<details><summary>1 change not checked by the policy (transitive, development only or ignored)</summary>

| | Ecosystem | Package | Change | Lockfile | Record | Status |
|---|---|---|---|---|---|---|
| ➖ | pypi | \`pytest\` | 8.3.3 → 8.3.4 | [services/api/requirements_lock.txt#L20](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L20) | — | development only (scope.development is false) |

</details>

#### What to do

- ❌ **torch** 2.5.1 → 2.6.0: \`version-not-recorded\` ([services/api/requirements_lock.txt#L5](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L5)) — docs/soup/torch.md does not name torch 2.6.0 (it names 2.5.1). Add 2.6.0 to the record's deployed versions and re-review it.
- ❌ **torch** 2.5.1 → 2.6.0: \`newer-than-reviewed\` ([services/api/requirements_lock.txt#L5](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L5)) — torch 2.6.0 is newer than 2.5.1, the newest release docs/soup/torch.md was reviewed against. Re-review the record (requirements, known anomalies) against 2.6.0 and update latest_reviewed.
- ❌ **fastapi** added 0.115.6: \`missing-record\` ([services/api/requirements_lock.txt#L7](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L7)) — No SOUP record covers fastapi (pypi) 0.115.6. Add one under docs/soup/ — the pull-request comment carries a draft to start from.
- ⚠️ **requests** added unpinned: \`unpinned\` ([requirements.in#L9](https://github.com/acme/device/blob/abc1234/requirements.in#L9)) — requests is not pinned to one version in requirements.in: pin it (for example \`==1.2.3\`) so that its record can name the exact version deployed.
- ⚠️ **numpy** 2.1.0 → 2.1.1: \`review-due-soon\` ([docs/soup/numpy.md#L8](https://github.com/acme/device/blob/abc1234/docs/soup/numpy.md#L8)) — The review of docs/soup/numpy.md lapses on 2026-12-10, in 14 days. Plan the review.
- ℹ️ \`orphan-record\` — six is no longer locked anywhere, but docs/soup/six.md still describes it: retire the record (mark it obsolete or delete it).

#### Draft records

<details><summary>Draft record for <code>fastapi</code> (pypi) — save as <code>docs/soup/fastapi.md</code></summary>

A reviewer completes the empty fields; until then the record does not pass.

\`\`\`markdown
---
title: "fastapi"
soup:
  package: "fastapi"
  ecosystem: pypi
  manufacturer:      # who makes and maintains it (company, foundation or maintainers)
  license:           # the licence the package is published under
  versions: ["0.115.6"]   # the exact deployed versions (unique SOUP designator)
  latest_reviewed:   # newest release on the registry on the day of the review
  last_review_date:  # YYYY-MM-DD, set by the reviewer when the review is done
---
# fastapi

## Overview

_What the package does in the device and why it was chosen (IEC 62304 8.1.2: title, manufacturer, unique designator)._

## Requirements

_The functional and performance requirements the device relies on, and the hardware and software the package needs (IEC 62304 5.3.3, 5.3.4)._

| Requirement ID | Description | Source / Reference |
|---|---|---|
| FR-001 |  |  |

## Known anomalies evaluation

_The published anomaly list (issue tracker, security advisories, CVEs) for the deployed versions, and whether each anomaly could contribute to a hazardous situation (IEC 62304 7.1.2, 7.1.3)._

| Anomaly reference | Status | Applicable | Rationale | Reviewed at |
|---|---|---|---|---|
\`\`\`

</details>

#### Approval

⚠️ The approval by @qa-lead at 0a1b2c3 no longer applies: this push changed the dependencies or records it covered.

⏳ Waiting for QA approval. Approval is open to members of team qa; they approve with the **Approve** button of the \`SOUP approval\` check, an approving review, or \`/soup approve\`.

Refused attempts:
- @dev-author (comment, 2026-11-26 10:04 UTC): @dev-author opened this pull request and may not approve its own SOUP changes
"
`);
  });

  test("the SOUP records check run: title and summary", () => {
    const evaluation = evaluateAll();
    const [update] = renderCheckRun(evaluation, { link, annotatable: () => true, externalId: `7:${evaluation.digest}` });
    expect(update?.output.title).toMatchInlineSnapshot(`"3 problems to fix: 1 version not recorded, 1 version newer than reviewed, 1 missing record"`);
    expect(update?.output.summary).toMatchInlineSnapshot(`
"### ✗ SOUP records: 3 problems to fix before merging (2 warnings).

| | Ecosystem | Package | Change | Lockfile | Record | Anomalies | Status |
|---|---|---|---|---|---|---|---|
| ✅ | pypi | \`timm\` | 1.0.22 → 1.0.24 | [services/api/requirements_lock.txt#L2](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L2) | [docs/soup/timm.md](https://github.com/acme/device/blob/abc1234/docs/soup/timm.md) | — | covered |
| ❌ | pypi | \`torch\` | 2.5.1 → 2.6.0 | [services/api/requirements_lock.txt#L5](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L5) | [docs/soup/torch.md](https://github.com/acme/device/blob/abc1234/docs/soup/torch.md) | — | version not in the record, newer than the reviewed release |
| ❌ | pypi | \`fastapi\` | added 0.115.6 | [services/api/requirements_lock.txt#L7](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L7) | — | — | no SOUP record |
| ⚠️ | pypi | \`requests\` | added unpinned | [requirements.in#L9](https://github.com/acme/device/blob/abc1234/requirements.in#L9) | [docs/soup/requests.md](https://github.com/acme/device/blob/abc1234/docs/soup/requests.md) | — | not pinned |
| ⚠️ | pypi | \`numpy\` | 2.1.0 → 2.1.1 | [services/api/requirements_lock.txt#L11](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L11) | [docs/soup/numpy.md](https://github.com/acme/device/blob/abc1234/docs/soup/numpy.md) | — | review due soon |
| ✅ | pypi | \`six\` | removed 1.16.0 | [services/api/requirements_lock.txt#L14](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L14) | [docs/soup/six.md](https://github.com/acme/device/blob/abc1234/docs/soup/six.md) | — | removed; retire its record |

<details><summary>1 change not checked by the policy (transitive, development only or ignored)</summary>

| | Ecosystem | Package | Change | Lockfile | Record | Status |
|---|---|---|---|---|---|---|
| ➖ | pypi | \`pytest\` | 8.3.3 → 8.3.4 | [services/api/requirements_lock.txt#L20](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L20) | — | development only (scope.development is false) |

</details>

#### What to do

- ❌ **torch** 2.5.1 → 2.6.0: \`version-not-recorded\` ([services/api/requirements_lock.txt#L5](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L5)) — docs/soup/torch.md does not name torch 2.6.0 (it names 2.5.1). Add 2.6.0 to the record's deployed versions and re-review it.
- ❌ **torch** 2.5.1 → 2.6.0: \`newer-than-reviewed\` ([services/api/requirements_lock.txt#L5](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L5)) — torch 2.6.0 is newer than 2.5.1, the newest release docs/soup/torch.md was reviewed against. Re-review the record (requirements, known anomalies) against 2.6.0 and update latest_reviewed.
- ❌ **fastapi** added 0.115.6: \`missing-record\` ([services/api/requirements_lock.txt#L7](https://github.com/acme/device/blob/abc1234/services/api/requirements_lock.txt#L7)) — No SOUP record covers fastapi (pypi) 0.115.6. Add one under docs/soup/ — the pull-request comment carries a draft to start from.
- ⚠️ **requests** added unpinned: \`unpinned\` ([requirements.in#L9](https://github.com/acme/device/blob/abc1234/requirements.in#L9)) — requests is not pinned to one version in requirements.in: pin it (for example \`==1.2.3\`) so that its record can name the exact version deployed.
- ⚠️ **numpy** 2.1.0 → 2.1.1: \`review-due-soon\` ([docs/soup/numpy.md#L8](https://github.com/acme/device/blob/abc1234/docs/soup/numpy.md#L8)) — The review of docs/soup/numpy.md lapses on 2026-12-10, in 14 days. Plan the review.
- ℹ️ \`orphan-record\` — six is no longer locked anywhere, but docs/soup/six.md still describes it: retire the record (mark it obsolete or delete it).
"
`);
  });
});
