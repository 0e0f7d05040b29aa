import type { EvaluatedChange } from "../../src/policy/evaluation.js";
import { groupAuditItems } from "../../src/policy/group-audit-items.js";
import type { Finding, SoupRecord } from "../../src/types.js";

const added = (overrides: Partial<EvaluatedChange>): EvaluatedChange => ({
  ecosystem: "pypi", name: "timm", kind: "added", from: null, to: "1.0.24", lockfile: "requirements.txt", line: 1,
  direct: true, dev: false, inScope: true, findings: [], ...overrides,
});
const record: SoupRecord = { path: "docs/soup/timm.md", form: "table", title: "Timm", packages: ["timm"], aliases: [], versions: ["1.0.22", "1.0.24"], spans: [], versionRanges: [], lines: {}, problems: [] };
const finding = (code: Finding["code"], severity: Finding["severity"], message: string = code): Finding => ({ code, severity, message, path: "docs/soup/timm.md", line: 3 });

describe("groupAuditItems", () => {
  it("folds one package's versions from every lockfile into one item, PyPI names compared per PEP 503", () => {
    const items = groupAuditItems([
      added({ name: "timm", to: "1.0.24", lockfile: "b/requirements.txt", line: 4, record: record.path }),
      added({ name: "Timm", to: "1.0.22", lockfile: "a/requirements.txt", line: 2, license: "Apache-2.0", record: record.path }),
      added({ name: "timm", to: "1.0.24", lockfile: "c/requirements.txt", line: 9, record: record.path }),
    ], [record]);
    expect(items).toEqual([{
      ecosystem: "pypi", name: "timm", versions: ["1.0.22", "1.0.24"], unpinned: false, license: "Apache-2.0", record, anomalies: [], status: "covered", findings: [],
      locations: [
        { lockfile: "b/requirements.txt", line: 4, version: "1.0.24" },
        { lockfile: "a/requirements.txt", line: 2, version: "1.0.22" },
        { lockfile: "c/requirements.txt", line: 9, version: "1.0.24" },
      ],
    }]);
  });

  it("leaves out what the policy does not check: an item lists only its in-scope versions", () => {
    const items = groupAuditItems([
      added({ ecosystem: "npm", name: "ms", to: "1.0.0" }),
      added({ ecosystem: "npm", name: "ms", to: "2.0.0", direct: false, inScope: false, outOfScopeReason: "transitive" }),
      added({ ecosystem: "npm", name: "debug", to: "2.5.2", dev: true, inScope: false, outOfScopeReason: "development only" }),
    ], []);
    expect(items.map((i) => [i.name, i.versions])).toEqual([["ms", ["1.0.0"]]]);
  });

  it("reads an unpinned requirement as no version, flagged", () => {
    const [item] = groupAuditItems([added({ name: "requests", to: "", findings: [finding("missing-record", "failure"), finding("unpinned", "warning")] })], []);
    expect(item).toMatchObject({ versions: [], unpinned: true, status: "missing-record" });
  });

  it.each([
    [[finding("review-due-soon", "warning"), finding("newer-than-reviewed", "failure")], "newer-than-reviewed"],
    [[finding("review-overdue", "failure"), finding("record-invalid", "failure")], "record-invalid"],
    [[finding("version-not-recorded", "failure"), finding("duplicate-record", "failure")], "duplicate-record"],
    [[finding("newer-than-reviewed", "warning"), finding("review-due-soon", "warning")], "newer-than-reviewed"],
    [[finding("unpinned", "warning")], "unpinned"],
    [[], "covered"],
  ] as const)("names the most pressing finding as the status: %j → %s", (findings, status) => {
    const [item] = groupAuditItems([added({ findings: [...findings], record: record.path })], [record]);
    expect(item?.status).toBe(status);
  });

  it("keeps a finding that two lockfiles share once", () => {
    const overdue = finding("review-overdue", "failure", "The review of docs/soup/timm.md lapsed");
    const [item] = groupAuditItems([
      added({ lockfile: "a/requirements.txt", findings: [overdue], record: record.path }),
      added({ lockfile: "b/requirements.txt", findings: [{ ...overdue }], record: record.path }),
    ], [record]);
    expect(item?.findings).toEqual([overdue]);
  });

  it("sorts npm before PyPI, then by name without regard to case", () => {
    const items = groupAuditItems([
      added({ name: "zope.interface" }), added({ name: "Flask" }), added({ ecosystem: "npm", name: "zod" }), added({ ecosystem: "npm", name: "@types/node" }),
    ], []);
    expect(items.map((i) => `${i.ecosystem}:${i.name}`)).toEqual(["npm:@types/node", "npm:zod", "pypi:Flask", "pypi:zope.interface"]);
  });
});
