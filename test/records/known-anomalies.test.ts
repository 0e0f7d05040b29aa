import { readFileSync } from "node:fs";
import { parseRecord } from "../../src/records/parse-record.js";
import type { SoupRecord } from "../../src/types.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/records/${name}`, import.meta.url), "utf8");

function recordOf(path: string, text: string): SoupRecord {
  const outcome = parseRecord(path, text);
  if (outcome.kind !== "record") throw new Error(`${path} was not read as a record`);
  return outcome.record;
}

const RATIONALE = "Affects PyTorch <=2.5.1; the device uses version-locked PyTorch dependencies. When loading timm models, weights_only=True combined with PyTorch >=2.6.0 mitigates this vulnerability. Production deployments use pre-verified, internally cached model weights";

describe("a record's known anomalies", () => {
  it("reads the Known Anomalies Assessment table of the real timm page: the id before the description", () => {
    const record = recordOf("docs/soup/timm.md", fixture("legit-health-timm-anomalies.md"));
    expect(record.anomalies).toEqual([{ id: "CVE-2025-32434", line: 29, applicable: "No", rationale: RATIONALE, reviewed: "2026-01-26" }]);
    expect(record.lines.anomalies).toBe(27);
    expect(record.problems).toEqual([]);
    expect(record.versions).toEqual(["1.0.22", "1.0.24"]);
  });

  const page = (...rows: string[]) => [
    "# Torch", "", "## General Information", "", "| Field | Value |", "|---|---|", "| Package Name | torch (PyTorch) |", "| Deployed Version(s) | >=2.0.0, >=2.1.0 (version-locked at 2.9.1) |", "| Last Review Date | 2026-01-26 |", "",
    "## Known Anomalies Assessment", "", "| **Anomaly Reference** | Status | Applicable | Rationale | Reviewed At |", "|---|---|---|---|---|", ...rows, "",
  ].join("\n");

  it("takes every advisory id of a reference cell, links and emphasis stripped, and leaves out what is no advisory id", () => {
    const record = recordOf("docs/soup/torch.md", page(
      "| [GHSA-53q9-r3pm-6pq6](https://github.com/advisories/GHSA-53q9-r3pm-6pq6) / CVE-2025-32434 (torch.load RCE) | Fixed | No | fixed in 2.6.0 | 2026-01-26 |",
      "| **PYSEC-2022-43015** | Fixed | No | fixed in 1.13.1 | 2026-01-26 |",
      "| GitHub issue #88868 (eval in parse_type_line) | Closed | No | - | 2026-01-26 |",
      "| None identified | - | - | - | - |",
    ));
    expect(record.anomalies!.map((a) => [a.id, a.line])).toEqual([["GHSA-53q9-r3pm-6pq6", 15], ["CVE-2025-32434", 15], ["PYSEC-2022-43015", 16]]);
    expect(record.problems).toEqual([]);
  });

  it("calls an id listed without saying whether it applies not evaluated, at its row", () => {
    const record = recordOf("docs/soup/torch.md", page("| CVE-2026-24747 (weights_only unpickler) | Open | | | |"));
    expect(record.anomalies).toEqual([{ id: "CVE-2026-24747", line: 15 }]);
    expect(record.problems).toEqual([{ line: 15, message: "CVE-2026-24747 is listed in the Known Anomalies Assessment table but not evaluated: say whether it applies to the device (applicable yes or no), why, and when it was reviewed" }]);
  });

  it("reads soup.anomalies from front matter, each entry at its line", () => {
    const text = [
      "---",
      "title: PyTorch",
      "soup:",
      "  package: torch",
      "  versions: [\"2.5.1\"]",
      "  last_review_date: 2026-01-26",
      "  anomalies:",
      "    - id: GHSA-53q9-r3pm-6pq6",
      "      applicable: false",
      "      rationale: \"weights come only from our own registry\"",
      "      reviewed: 2026-01-26",
      "    - id: CVE-2022-45907",
      "---",
      "# PyTorch",
    ].join("\n");
    const record = recordOf("docs/soup/torch.md", text);
    expect(record.anomalies).toEqual([
      { id: "GHSA-53q9-r3pm-6pq6", line: 8, applicable: "false", rationale: "weights come only from our own registry", reviewed: "2026-01-26" },
      { id: "CVE-2022-45907", line: 12 },
    ]);
    expect(record.problems).toEqual([{ line: 12, message: "CVE-2022-45907 is listed under anomalies but not evaluated: say whether it applies to the device (applicable yes or no), why, and when it was reviewed" }]);
  });

  it("reads soup.anomalies from a YAML record, and refuses entries without an id", () => {
    const text = ["soup:", "  package: torch", "  versions: [\"2.5.1\"]", "  last_review_date: 2026-01-26", "  anomalies:", "    - CVE-2025-32434", "    - id: CVE-2022-45907", "      applicable: \"no\""].join("\n");
    const record = recordOf("docs/soup/torch.yml", text);
    expect(record.anomalies).toEqual([{ id: "CVE-2022-45907", line: 7, applicable: "no" }]);
    expect(record.problems.map((p) => p.message)).toEqual([`each entry under anomalies needs an id (CVE, GHSA, PYSEC or OSV id), written as "- id: CVE-2025-32434" with applicable, rationale and reviewed below it`]);
  });

  it("lets soup.anomalies in the front matter win over the page's table", () => {
    const text = ["---", "soup:", "  package: timm", "  anomalies:", "    - { id: GHSA-53q9-r3pm-6pq6, applicable: \"no\" }", "---", fixture("legit-health-timm-anomalies.md")].join("\n");
    expect(recordOf("docs/soup/timm.md", text).anomalies!.map((a) => a.id)).toEqual(["GHSA-53q9-r3pm-6pq6"]);
  });

  it("takes the page's table for a front-matter record that lists none itself", () => {
    const text = ["---", "soup:", "  package: timm", "  versions: [\"1.0.24\"]", "  last_review_date: 2026-01-26", "---", "# Timm", "", "## Known Anomalies Assessment", "", "| Anomaly Reference | Applicable |", "|---|---|", "| CVE-2025-32434 | No |"].join("\n");
    const record = recordOf("docs/soup/timm.md", text);
    expect(record.anomalies).toEqual([{ id: "CVE-2025-32434", line: 13, applicable: "No" }]);
    expect(record.lines.last_review_date).toBe(5);
  });

  it("a record that lists none has no anomalies", () => {
    expect(recordOf("docs/soup/timm.md", fixture("legit-health-timm.md")).anomalies).toBeUndefined();
  });
});
