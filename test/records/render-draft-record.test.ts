import { parseRecord } from "../../src/records/parse-record.js";
import { renderDraftRecord, type DraftRecordInput } from "../../src/records/render-draft-record.js";
import type { SoupRecord } from "../../src/types.js";

function reparse(path: string, text: string): SoupRecord {
  const outcome = parseRecord(path, text);
  if (outcome.kind !== "record") throw new Error("the draft was not read as a record");
  return outcome.record;
}

const awkward: Array<[string, DraftRecordInput]> = [
  ["a scoped npm name", { ecosystem: "npm", name: "@scope/pkg", versions: ["1.2.3-beta.1", "1.2.3"], license: "MIT" }],
  ["a dotted PyPI name with a bare 6.0 and a local label", { ecosystem: "pypi", name: "zope.interface", versions: ["6.0", "2.1.0+cu121"], license: "ZPL-2.1" }],
  ["a PyPI name with underscores and three versions", { ecosystem: "pypi", name: "typing_extensions", versions: ["4.12.2", "4.13.0", "4.15.0"] }],
];

describe("renderDraftRecord", () => {
  it("renders the front-matter form", () => {
    expect(renderDraftRecord({ ecosystem: "pypi", name: "zope.interface", versions: ["6.0", "2.1.0+cu121"], license: "ZPL-2.1" }, "front-matter")).toMatchInlineSnapshot(`
"---
title: "zope.interface"
soup:
  package: "zope.interface"
  ecosystem: pypi
  manufacturer:      # who makes and maintains it (company, foundation or maintainers)
  license: "ZPL-2.1"
  versions: ["6.0", "2.1.0+cu121"]   # the exact deployed versions (unique SOUP designator)
  latest_reviewed:   # newest release on the registry on the day of the review
  last_review_date:  # YYYY-MM-DD, set by the reviewer when the review is done
---
# zope.interface

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
"
`);
  });

  it("renders the Legit.Health table form", () => {
    expect(renderDraftRecord({ ecosystem: "npm", name: "@scope/pkg", versions: ["1.2.3"], manufacturer: "Scope Inc." }, "table")).toMatchInlineSnapshot(`
"# @scope/pkg

## General Information

| Field | Value |
|---|---|
| Package Name | @scope/pkg |
| Ecosystem | npm |
| Manufacturer / Vendor | Scope Inc. |
| License |  |
| Deployed Version(s) | version-locked at 1.2.3 |
| Most Recent Available Version |  |
| Last Review Date |  |

_Reviewer: fill in License, Most Recent Available Version (the newest release on the day of the review) and Last Review Date (YYYY-MM-DD) when the review is done._

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
"
`);
  });

  describe.each(["front-matter", "table"] as const)("a %s draft read back", (form) => {
    const path = form === "table" ? "docs/soup/draft.md" : "docs/soup/draft.mdx";
    const pendingLine = form === "table" ? 13 : 10;
    const pending = form === "table"
      ? "Last Review Date is missing: a reviewer sets it (YYYY-MM-DD) when the review is done"
      : "last_review_date is missing: a reviewer sets it (YYYY-MM-DD) when the review is done";

    it.each(awkward)("is a record of %s whose only problem is the pending review", (_, input) => {
      const record = reparse(path, renderDraftRecord(input, form));
      expect(record).toMatchObject({ form, title: input.name, packages: [input.name], ecosystem: input.ecosystem, versions: input.versions, spans: [], versionRanges: [] });
      expect([record.license, record.manufacturer, record.latestReviewed, record.lastReviewDate]).toEqual([input.license, undefined, undefined, undefined]);
      expect(record.problems).toEqual([{ message: pending, line: pendingLine }]);
    });

    it("says also that the version is missing when the lockfile locked none", () => {
      const record = reparse(path, renderDraftRecord({ ecosystem: "pypi", name: "dill", versions: [] }, form));
      expect(record.problems.map((p) => p.message)).toContain(pending);
      expect(record.problems).toHaveLength(2);
    });

    it("passes once a reviewer fills in the review fields", () => {
      const draft = renderDraftRecord({ ecosystem: "pypi", name: "zope.interface", versions: ["6.0"], manufacturer: "Zope Foundation" }, form);
      const reviewed = form === "table"
        ? draft.replace("| Most Recent Available Version |  |", "| Most Recent Available Version | 7.2 |").replace("| Last Review Date |  |", "| Last Review Date | 2026-01-26 |")
        : draft.replace(/latest_reviewed:.*$/m, 'latest_reviewed: "7.2"').replace(/last_review_date:.*$/m, "last_review_date: 2026-01-26");
      expect(reparse(path, reviewed)).toMatchObject({ manufacturer: "Zope Foundation", latestReviewed: "7.2", lastReviewDate: "2026-01-26", problems: [] });
    });
  });
});
