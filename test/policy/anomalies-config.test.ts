import { readConfigText } from "../../src/policy/read-config-text.js";

describe("anomalies: in .github/soup.yml", () => {
  it("defaults to asking OSV and warning when it cannot be asked", () => {
    const outcome = readConfigText("");
    expect(outcome.config.anomalies).toEqual({ source: "osv" });
    expect(outcome.config.severity["anomaly-check-unavailable"]).toBe("warning");
    expect(outcome.config.severity["anomaly-not-assessed"]).toBe("failure");
  });

  it.each([["source: off"], ["source: false"], ["source: \"off\""]])("reads %s as off", (line) => {
    const outcome = readConfigText(`anomalies:\n  ${line}\n`);
    expect(outcome).toMatchObject({ ok: true, config: { anomalies: { source: "off" } } });
  });

  it("makes an unreachable source fail when the policy says so", () => {
    expect(readConfigText("anomalies:\n  unavailable: failure\n").config.severity["anomaly-check-unavailable"]).toBe("failure");
  });

  it.each([
    ["anomalies:\n  source: nvd\n", `anomalies.source: expected osv or off, got "nvd"`],
    ["anomalies:\n  unavailable: off\n", `anomalies.unavailable: expected failure, warning or notice, got "off"`],
    ["severity:\n  anomaly-check-unavailable: off\n", "severity.anomaly-check-unavailable: off would hide that advisories went unchecked; write anomalies.source: off to ask no advisory source"],
    ["anomalies:\n  unavailable: failure\nseverity:\n  anomaly-check-unavailable: notice\n", "anomalies.unavailable (failure) and severity.anomaly-check-unavailable (notice) disagree: set it in one place"],
    ["anomalies:\n  sources: osv\n", "anomalies.sources: unknown key (known: source, unavailable)"],
  ])("refuses %j", (text, error) => {
    const outcome = readConfigText(text);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.errors).toEqual([error]);
    // The defaults stand in meanwhile: the check still asks and still warns.
    expect(outcome.config.anomalies.source).toBe("osv");
  });
});
