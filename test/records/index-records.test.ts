import { indexRecords } from "../../src/records/index-records.js";
import type { SoupRecord } from "../../src/types.js";

function createTestRecord(overrides: Partial<SoupRecord> & { path: string }): SoupRecord {
  return { form: "yaml", packages: [], aliases: [], versions: ["1.0.0"], spans: [], versionRanges: [], lastReviewDate: "2026-01-26", lines: {}, problems: [], ...overrides };
}

const pyyaml = createTestRecord({ path: "docs/soup/pyyaml.md", packages: ["PyYAML"], ecosystem: "pypi" });
const zope = createTestRecord({ path: "docs/soup/zope.md", packages: ["Zope.Interface"] });
const timm = createTestRecord({ path: "docs/soup/timm.md", packages: ["timm"], aliases: ["timm-nightly"], ecosystem: "pypi" });
const scoped = createTestRecord({ path: "docs/soup/octokit.md", packages: ["@octokit/rest"], ecosystem: "npm" });
const react = createTestRecord({ path: "docs/soup/react.md", packages: ["react"], ecosystem: "npm" });
const broken = createTestRecord({ path: "docs/soup/dill.md", packages: ["dill"], lastReviewDate: undefined, problems: [{ message: "last_review_date is missing", line: 3 }] });

describe("indexRecords().find", () => {
  const index = indexRecords([pyyaml, zope, timm, scoped, react, broken]);

  it.each([
    ["pypi", "pyyaml", [pyyaml]],
    ["pypi", "PyYAML", [pyyaml]],
    ["pypi", "py-yaml", []],
    ["pypi", "zope-interface", [zope]],
    ["pypi", "zope_interface", [zope]],
    ["pypi", "ZOPE.INTERFACE", [zope]],
    ["pypi", "timm-nightly", [timm]],
    ["pypi", "Timm_Nightly", [timm]],
    ["npm", "@octokit/rest", [scoped]],
    ["npm", "@Octokit/rest", []],
    ["npm", "rest", []],
    ["npm", "React", []],
    ["npm", "react", [react]],
    // A record names its ecosystem: the PyPI record does not cover an npm package of the same name.
    ["npm", "timm", []],
    ["pypi", "react", []],
    // A record without an ecosystem covers any, each by that ecosystem's own name rules.
    ["npm", "Zope.Interface", [zope]],
    ["npm", "zope-interface", []],
    // An invalid record is still found, so the developer reads "record invalid", not "missing record".
    ["pypi", "dill", [broken]],
  ] as const)("%s %s", (ecosystem, name, expected) => {
    expect(index.find(ecosystem, name)).toEqual(expected);
  });

  it("returns a copy that callers cannot use to change the index", () => {
    index.find("pypi", "timm").pop();
    expect(index.find("pypi", "timm")).toEqual([timm]);
  });
});

describe("indexRecords().duplicates", () => {
  it("finds two records claiming one package, by name or alias, per PEP 503", () => {
    const other = createTestRecord({ path: "docs/soup/yaml.yml", packages: ["pyyaml-ft"], aliases: ["pyyaml"], ecosystem: "pypi" });
    expect(indexRecords([pyyaml, other, timm]).duplicates()).toEqual([{ ecosystem: "pypi", name: "PyYAML", records: [pyyaml, other] }]);
  });

  it("reports records without ecosystem that collide everywhere once, without an ecosystem", () => {
    const again = createTestRecord({ path: "docs/soup/dill-2.md", packages: ["dill"] });
    expect(indexRecords([broken, again]).duplicates()).toEqual([{ name: "dill", records: [broken, again] }]);
  });

  it("reports records without ecosystem that collide only under PEP 503 in pypi", () => {
    const dashed = createTestRecord({ path: "docs/soup/zope-2.md", packages: ["zope-interface"] });
    expect(indexRecords([zope, dashed]).duplicates()).toEqual([{ ecosystem: "pypi", name: "Zope.Interface", records: [zope, dashed] }]);
  });

  it("reports a record without ecosystem against one that names the ecosystem", () => {
    const any = createTestRecord({ path: "docs/soup/timm-any.md", packages: ["timm"] });
    expect(indexRecords([timm, any]).duplicates()).toEqual([{ ecosystem: "pypi", name: "timm", records: [timm, any] }]);
  });

  it("does not report one name in two different ecosystems, nor one record naming a package twice", () => {
    const npmTimm = createTestRecord({ path: "docs/soup/timm-js.md", packages: ["timm"], ecosystem: "npm" });
    const twice = createTestRecord({ path: "docs/soup/yaml.md", packages: ["PyYAML"], aliases: ["pyyaml"], ecosystem: "pypi" });
    expect(indexRecords([timm, npmTimm, twice]).duplicates()).toEqual([]);
  });

  it("lists duplicates sorted by name", () => {
    const records = [
      createTestRecord({ path: "a.md", packages: ["zlib"], ecosystem: "npm" }),
      createTestRecord({ path: "b.md", packages: ["zlib"], ecosystem: "npm" }),
      createTestRecord({ path: "c.md", packages: ["attrs"], ecosystem: "pypi" }),
      createTestRecord({ path: "d.md", packages: ["Attrs"], ecosystem: "pypi" }),
    ];
    expect(indexRecords(records).duplicates().map((d) => [d.name, d.records.map((r) => r.path)])).toEqual([["attrs", ["c.md", "d.md"]], ["zlib", ["a.md", "b.md"]]]);
  });
});
