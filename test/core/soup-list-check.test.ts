import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { checkChanges } from "../../src/core/check-changes.js";
import { defaultConfig } from "../../src/policy/config.js";
import { renderJson } from "../../src/report/render-json.js";
import { MemorySnapshot } from "./memory-snapshot.js";

const LIST = readFileSync(new URL("../fixtures/records/test-ct-covid-soup-list.md", import.meta.url), "utf8");

describe("a real SOUP list in the OpenRegulatory form as the records", () => {
  test("each listed package is covered by its row, an unlisted one is missing, a bump is caught on its row", async () => {
    const base = new MemorySnapshot({ "requirements.txt": "numpy==2.0.2\n", "docs/soup/soup-list.md": LIST });
    const head = new MemorySnapshot({ "requirements.txt": "numpy==2.1.0\npandas==2.2.3\ntorch==2.4.1\nrequests==2.32.3\n", "docs/soup/soup-list.md": LIST });
    const evaluation = await checkChanges({ base, head, records: head, recordsInHead: true, changedPaths: ["requirements.txt"], config: defaultConfig(), today: "2024-10-01" });

    expect(evaluation.changes.map((c) => [c.name, c.to, c.record ?? null, c.recordLine ?? null, c.findings.map((f) => f.code)])).toEqual([
      ["numpy", "2.1.0", "docs/soup/soup-list.md", 54, ["version-not-recorded"]],
      ["pandas", "2.2.3", "docs/soup/soup-list.md", 66, []],
      ["requests", "2.32.3", null, null, ["missing-record"]],
      ["torch", "2.4.1", "docs/soup/soup-list.md", 53, []],
    ]);
    const bump = evaluation.changes[0]!.findings[0]!;
    expect(bump.message).toBe("docs/soup/soup-list.md (line 54) does not name numpy 2.1.0 (it names 2.0.2). Add 2.1.0 to the record's deployed versions and re-review it.");
    const json = JSON.parse(renderJson(evaluation)) as { changes: Array<{ name: string; record: string | null; record_line: number | null }> };
    expect(json.changes.map((c) => [c.name, c.record, c.record_line])).toEqual([
      ["numpy", "docs/soup/soup-list.md", 54],
      ["pandas", "docs/soup/soup-list.md", 66],
      ["requests", null, null],
      ["torch", "docs/soup/soup-list.md", 53],
    ]);
  });

  test("a row that lacks a version or a review date is an invalid record, annotated at its row", async () => {
    const base = new MemorySnapshot({ "requirements.txt": "", "docs/soup/soup-list.md": LIST });
    const head = new MemorySnapshot({ "requirements.txt": "locust==2.31.8\n", "docs/soup/soup-list.md": LIST });
    const evaluation = await checkChanges({ base, head, records: head, recordsInHead: true, changedPaths: ["requirements.txt"], config: defaultConfig(), today: "2024-10-01" });
    expect(evaluation.findings.filter((f) => f.code === "record-invalid").map((f) => [f.path, f.line, f.message])).toEqual([
      ["docs/soup/soup-list.md", 48, "docs/soup/soup-list.md (line 48) is not a valid SOUP record: Version names no version: write the locked version in the row, e.g. 1.0.24 (several separated by commas)"],
    ]);
  });
});
