import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { askAnomalies } from "../../src/anomalies/ask-anomalies.js";
import { versionKey } from "../../src/anomalies/ask-anomalies.js";
import { createAdvisoryFolderSource } from "../../src/anomalies/advisory-folder-source.js";
import type { AdvisorySource } from "../../src/anomalies/advisory.js";
import { ADVISORIES } from "./fixtures.js";

const pypi = (name: string, version: string) => ({ ecosystem: "pypi" as const, name, version });

describe("a folder of OSV records (--advisories DIR)", () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());

  it("searches JSON and YAML records recursively and keeps those that affect each version", async () => {
    const answer = await createAdvisoryFolderSource(ADVISORIES).find([pypi("torch", "1.13.0"), pypi("torch", "2.5.1+cu124"), pypi("torch", "2.6.0"), pypi("py", "1.11.0"), pypi("loguru", "0.5.3"), { ecosystem: "npm", name: "express", version: "4.19.2" }]);
    if (!answer.ok) throw new Error(answer.reason);
    expect(answer.advisories.map((list) => list.map((a) => a.id).sort())).toEqual([
      ["GHSA-53q9-r3pm-6pq6", "PYSEC-2022-43015"],
      ["GHSA-53q9-r3pm-6pq6"],
      [],
      ["GHSA-w596-4wvx-j9j6", "PYSEC-2022-42969"],
      // Withdrawn records are still records; the anomalies drop them.
      ["GHSA-cvp7-c586-cmf4"],
      ["GHSA-qw6h-vgh9-j6wx"],
    ]);
  });

  it("folds the answers into anomalies, withdrawn records dropped", async () => {
    const report = await askAnomalies(createAdvisoryFolderSource(ADVISORIES), [pypi("py", "1.11.0"), pypi("loguru", "0.5.3"), pypi("Py", "1.11.0")]);
    if (report.state !== "checked") throw new Error(report.reason);
    expect(report.source).toBe(`the advisories folder ${ADVISORIES}`);
    expect(report.byVersion.get(versionKey(pypi("py", "1.11.0")))!.map((a) => [a.id, a.aliases])).toEqual([["GHSA-w596-4wvx-j9j6", ["CVE-2022-42969", "PYSEC-2022-42969"]]]);
    expect(report.byVersion.get(versionKey(pypi("loguru", "0.5.3")))).toEqual([]);
  });

  describe("a folder that cannot be read is unavailable, naming what failed", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "soup-gate-advisories-"));
      cpSync(ADVISORIES, dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("a missing folder", async () => {
      const answer = await createAdvisoryFolderSource(join(dir, "nope")).find([pypi("torch", "2.5.1")]);
      expect(answer.ok).toBe(false);
      expect(!answer.ok && answer.reason).toMatch(/^the advisories folder .*nope could not be read: .*ENOENT/);
    });

    it("a truncated record", async () => {
      writeFileSync(join(dir, "github/pypi/GHSA-broken.json"), `{ "id": "GHSA-broken", "modified": `);
      const answer = await createAdvisoryFolderSource(dir).find([pypi("torch", "2.5.1")]);
      expect(!answer.ok && answer.reason).toContain("github/pypi/GHSA-broken.json is not valid JSON");
    });

    it("a file that is no OSV record", async () => {
      writeFileSync(join(dir, "package.json"), `{ "name": "not-an-advisory" }`);
      const answer = await createAdvisoryFolderSource(dir).find([pypi("torch", "2.5.1")]);
      expect(!answer.ok && answer.reason).toContain(`package.json is not an OSV record: "id" is missing`);
    });
  });

  it("a source that throws is unavailable too", async () => {
    const throwing: AdvisorySource = { name: "a broken source", find: () => Promise.reject(new Error("boom")) };
    expect(await askAnomalies(throwing, [pypi("torch", "2.5.1")])).toEqual({ state: "unavailable", source: "a broken source", reason: "asking a broken source failed: boom" });
  });
});
