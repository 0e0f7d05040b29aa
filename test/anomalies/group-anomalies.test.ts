import { describeSeverity } from "../../src/anomalies/describe-severity.js";
import { groupAnomalies } from "../../src/anomalies/group-anomalies.js";
import { readOsv } from "../../src/anomalies/read-osv.js";
import { advisory, advisoryText, EXPRESS_REDIRECT_XSS, GRATIENT_MALWARE, LOGURU_WITHDRAWN_GHSA, LOGURU_WITHDRAWN_PYSEC, PY_REDOS_GHSA, PY_REDOS_PYSEC, TORCH_CHECKPOINT_RCE, TORCH_JIT_EVAL, TORCH_LOAD_RCE } from "./fixtures.js";

describe("advisories that name each other are one anomaly", () => {
  it("folds the GitHub and PyPA records of CVE-2022-42969 into one, shown under the GitHub id", () => {
    expect(groupAnomalies([advisory(PY_REDOS_PYSEC), advisory(PY_REDOS_GHSA)])).toEqual([{
      id: "GHSA-w596-4wvx-j9j6",
      aliases: ["CVE-2022-42969", "PYSEC-2022-42969"],
      severity: "moderate",
      summary: "ReDoS in py library when used with subversion",
      url: "https://osv.dev/vulnerability/GHSA-w596-4wvx-j9j6",
    }]);
  });

  it("keeps different vulnerabilities of one package apart", () => {
    const anomalies = groupAnomalies([advisory(TORCH_LOAD_RCE), advisory(TORCH_JIT_EVAL)]);
    expect(anomalies.map((a) => [a.id, a.aliases])).toEqual([
      ["GHSA-53q9-r3pm-6pq6", ["CVE-2025-32434"]],
      ["PYSEC-2022-43015", ["CVE-2022-45907"]],
    ]);
  });

  it("links records that share only an alias, through a third record", () => {
    const base = advisory(PY_REDOS_GHSA);
    const viaCve = { ...base, id: "OSV-TEST-1", aliases: ["CVE-2022-42969"], databaseSeverity: undefined, summary: undefined };
    // Neither names the other; both name CVE-2022-42969.
    const grouped = groupAnomalies([{ ...viaCve }, base]);
    expect(grouped.map((a) => [a.id, a.aliases])).toEqual([["GHSA-w596-4wvx-j9j6", ["CVE-2022-42969", "OSV-TEST-1"]]]);
  });

  it("ignores withdrawn records, from either database", () => {
    expect(groupAnomalies([advisory(LOGURU_WITHDRAWN_GHSA), advisory(LOGURU_WITHDRAWN_PYSEC)])).toEqual([]);
  });

  it("counts a record reached twice once", () => {
    expect(groupAnomalies([advisory(TORCH_LOAD_RCE), advisory(TORCH_LOAD_RCE)])).toHaveLength(1);
  });

  it("summarises a record without a summary by the first line of its details", () => {
    expect(groupAnomalies([advisory(TORCH_JIT_EVAL)])[0]!.summary).toBe("In PyTorch before trunk/89695, torch.jit.annotations.parse_type_line can cause arbitrary code execution because eval is used unsafely.");
  });
});

describe("severity as the databases give it", () => {
  it.each([
    [TORCH_LOAD_RCE, "critical"],
    [TORCH_CHECKPOINT_RCE, "high"],
    [EXPRESS_REDIRECT_XSS, "moderate"],
    [PY_REDOS_GHSA, "moderate"],
  ])("%s: the database's rating, %s", (file, expected) => {
    expect(describeSeverity(advisory(file))).toBe(expected);
  });

  it("rates by the CVSS vector's base score when the database gives no rating", () => {
    const record = { ...advisory(TORCH_CHECKPOINT_RCE), databaseSeverity: undefined };
    expect(describeSeverity(record)).toBe("high (CVSS 8.8)");
    const v4 = { ...advisory(TORCH_LOAD_RCE), databaseSeverity: undefined };
    expect(describeSeverity(v4)).toBe("critical (CVSS 9.3)");
  });

  it("says nothing when nothing rates the advisory", () => {
    expect(describeSeverity(advisory(GRATIENT_MALWARE))).toBeUndefined();
    expect(describeSeverity(advisory(TORCH_JIT_EVAL))).toBeUndefined();
  });

  it("gives an anomaly the worst severity of its records", () => {
    const low = { ...advisory(PY_REDOS_PYSEC), databaseSeverity: "LOW" };
    expect(groupAnomalies([low, advisory(PY_REDOS_GHSA)])[0]!.severity).toBe("moderate");
  });
});

describe("reading OSV records at the boundary", () => {
  it("reads the fields soup-gate uses from a real record", () => {
    const record = advisory(TORCH_LOAD_RCE);
    expect(record).toMatchObject({ id: "GHSA-53q9-r3pm-6pq6", modified: "2025-08-29T19:45:46Z", aliases: ["CVE-2025-32434"], databaseSeverity: "CRITICAL" });
    expect(record.affected).toEqual([{ ecosystem: "PyPI", name: "torch", versions: [], scores: [], ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "2.6.0" }] }] }]);
    expect(advisory(LOGURU_WITHDRAWN_GHSA).withdrawn).toBe("2022-02-01T15:17:33Z");
  });

  it.each([
    [null, "it is not an object"],
    [{ modified: "2024-01-01T00:00:00Z" }, `"id" is missing`],
    [{ id: "X-1" }, `X-1: "modified" is missing`],
    [{ id: "X-1", modified: "m", aliases: "CVE-1" }, `X-1: "aliases" must be a list of ids`],
    [{ id: "X-1", modified: "m", affected: [{ package: { ecosystem: "PyPI", name: "a" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: 0 }] }] }] }, "X-1: affected[0]: ranges[0]: each event must be one of introduced, fixed, last_affected or limit, with a version string"],
    [{ id: "X-1", modified: "m", affected: [{ package: { ecosystem: "PyPI", name: "a" }, versions: [1] }] }, `X-1: affected[0]: "versions" must be a list of strings`],
  ])("refuses %j: %s", (value, reason) => {
    expect(readOsv(value)).toEqual({ ok: false, reason });
  });

  it("keeps hostile keys harmless", () => {
    const value = JSON.parse(advisoryText(TORCH_LOAD_RCE).replace(`"summary"`, `"__proto__": { "polluted": true }, "summary"`));
    const read = readOsv(value);
    expect(read.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
