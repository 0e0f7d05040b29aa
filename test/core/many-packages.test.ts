import { auditCommit } from "../../src/core/audit-commit.js";
import { checkChanges } from "../../src/core/check-changes.js";
import type { Snapshot } from "../../src/core/snapshot.js";
import { defaultConfig } from "../../src/policy/config.js";

function snapshot(files: Record<string, string>): Snapshot {
  return {
    files: async () => Object.keys(files).map((path, i) => ({ path, sha: String(i) })),
    read: async (path) => (Object.hasOwn(files, path) ? new TextEncoder().encode(files[path]) : undefined),
  };
}

describe("an audit of a lockfile of 150,000 packages", () => {
  it("lists every package, without overflowing the stack (150,000 arguments would)", async () => {
    const pins = Array.from({ length: 150_000 }, (_, i) => `package-${i}==1.0.0`).join("\n");
    const commit = snapshot({ "requirements.txt": `${pins}\n` });
    const audit = await auditCommit({ commit, records: commit, recordsInRepository: true, config: defaultConfig(), today: "2026-11-26" });
    expect(audit.items).toHaveLength(150_000);
    expect(audit.findings.filter((f) => f.code === "missing-record")).toHaveLength(150_000);
  }, 120_000);
});

describe("more changes than soup-gate checks at once", () => {
  const pins = (n: number, version: string) => `${Array.from({ length: n }, (_, i) => `package-${i}==${version}`).join("\n")}\n`;

  it("a check is refused with a clear error naming the count and the lockfile", async () => {
    const base = snapshot({ "requirements.txt": pins(5, "1.0.0") });
    const head = snapshot({ "requirements.txt": pins(5, "1.0.1") });
    const input = { base, head, records: head, recordsInHead: true, changedPaths: ["requirements.txt"], config: defaultConfig(), today: "2026-11-26" };
    await expect(checkChanges({ ...input, maxChanges: 4 })).rejects.toThrow("5 dependency changes between base and head, more than the 4 soup-gate checks at once: no review covers that many packages, so look for a generated or damaged lockfile (requirements.txt)");
    expect((await checkChanges({ ...input, maxChanges: 5 })).changes).toHaveLength(5);
  });

  it("an audit is refused the same way", async () => {
    const commit = snapshot({ "requirements.txt": pins(5, "1.0.0") });
    await expect(auditCommit({ commit, records: commit, recordsInRepository: true, config: defaultConfig(), today: "2026-11-26", maxChanges: 4 })).rejects.toThrow(/^5 locked packages, more than the 4 soup-gate checks at once/);
  });
});
