import type { ApprovalEntry, EvaluationEntry, HistoryChange, InvalidationEntry, RefusalEntry, RevocationEntry } from "../../src/history/entry.js";

/**
 * Entries as the App writes them for the Legit.Health device: a pull request that moves timm from 1.0.22
 * to 1.0.24 and adds torch-vision, refused for its author, approved by QA, invalidated by a later push.
 */
const PULL = { delivery: "72d3162e-cc78-11e3-81ab-4c9367dc0958", repository: "legit-health/device", pullRequest: 42, headSha: "c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffe" };

export function change(overrides: Partial<HistoryChange> = {}): HistoryChange {
  return {
    ecosystem: "pypi",
    name: "timm",
    kind: "upgraded",
    from: "1.0.22",
    to: "1.0.24",
    lockfile: "services/inference/requirements_lock.txt",
    line: 2,
    record: "docs/soup/timm.md",
    recordBlob: "6b1f2d0d6b1f2d0d6b1f2d0d6b1f2d0d6b1f2d0d",
    findings: [],
    ...overrides,
  };
}

export function evaluation(overrides: Partial<EvaluationEntry> = {}): EvaluationEntry {
  return {
    kind: "evaluation",
    at: "2026-11-24T09:30:00.000Z",
    actor: "soup-gate",
    ...PULL,
    pullRequestTitle: "Bump timm to 1.0.24",
    baseSha: "ba5eba5eba5eba5eba5eba5eba5eba5eba5eba5e",
    digest: "d1g35t0000000000000000000000000000000000000000000000000000000001",
    conclusion: "failure",
    changes: [
      change(),
      change({
        name: "Torch_Vision",
        kind: "added",
        from: null,
        to: "0.20.1",
        line: 3,
        record: null,
        recordBlob: null,
        findings: [{ code: "missing-record", severity: "failure", message: "torch-vision 0.20.1 has no SOUP record." }],
      }),
    ],
    findings: [{ code: "missing-record", severity: "failure", message: "torch-vision 0.20.1 has no SOUP record.", path: "services/inference/requirements_lock.txt", line: 3 }],
    policyBlob: "9a0b1c2d9a0b1c2d9a0b1c2d9a0b1c2d9a0b1c2d",
    checkRunUrl: "https://github.com/legit-health/device/runs/1001",
    ...overrides,
  };
}

export function refusal(overrides: Partial<RefusalEntry> = {}): RefusalEntry {
  return {
    kind: "refusal",
    at: "2026-11-24T10:00:00.000Z",
    actor: "dev-author",
    ...PULL,
    digest: evaluation().digest,
    command: "approve",
    via: "comment",
    reason: "the pull request's author cannot approve it",
    ...overrides,
  };
}

export function approval(overrides: Partial<ApprovalEntry> = {}): ApprovalEntry {
  return {
    kind: "approval",
    at: "2026-11-24T11:15:00.000Z",
    actor: "QA-Lead",
    ...PULL,
    digest: evaluation().digest,
    via: "button",
    basis: "member of team qa",
    reason: null,
    checkRunUrl: "https://github.com/legit-health/device/runs/1002",
    ...overrides,
  };
}

export function revocation(overrides: Partial<RevocationEntry> = {}): RevocationEntry {
  return { kind: "revocation", at: "2026-11-24T12:00:00.000Z", actor: "qa-lead", ...PULL, digest: evaluation().digest, via: "comment", reason: "wrong pull request", ...overrides };
}

export function invalidation(overrides: Partial<InvalidationEntry> = {}): InvalidationEntry {
  return {
    kind: "invalidation",
    at: "2026-11-25T08:00:00.000Z",
    actor: "soup-gate",
    ...PULL,
    headSha: "beefbeefbeefbeefbeefbeefbeefbeefbeefbeef",
    fromDigest: evaluation().digest,
    toDigest: "d1g35t0000000000000000000000000000000000000000000000000000000002",
    approver: "QA-Lead",
    approvedCommit: PULL.headSha,
    ...overrides,
  };
}
