import type { ApprovalEntry, EvaluationEntry, HistoryChange, InvalidationEntry, RefusalEntry, RevocationEntry } from "../../src/history/entry.js";

// Test factories: a realistic entry of each kind, any field overridden.

const HEAD = "3f1c0d9e2b7a4c5d6e8f9a0b1c2d3e4f5a6b7c8d";
const BASE = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b";

export function change(overrides: Partial<HistoryChange> = {}): HistoryChange {
  return { ecosystem: "pypi", name: "timm", kind: "upgraded", from: "1.0.22", to: "1.0.24", lockfile: "requirements.txt", line: 12, record: "docs/soup/timm.md", recordBlob: "b".repeat(40), findings: [], ...overrides };
}

export function evaluation(overrides: Partial<EvaluationEntry> = {}): EvaluationEntry {
  const repository = overrides.repository ?? "acme/device";
  const pullRequest = overrides.pullRequest ?? 42;
  return {
    kind: "evaluation",
    at: "2025-03-04T10:02:00.000Z",
    actor: "soup-gate",
    delivery: "a1b2c3d4-0000-11ef-8000-000000000001",
    repository,
    pullRequest,
    headSha: HEAD,
    pullRequestTitle: "Bump timm from 1.0.22 to 1.0.24",
    baseSha: BASE,
    digest: "d".repeat(64),
    conclusion: "success",
    changes: [change()],
    findings: [],
    policyBlob: null,
    checkRunUrl: `https://github.com/${repository}/runs/${1000 + pullRequest}`,
    ...overrides,
  };
}

export function approval(overrides: Partial<ApprovalEntry> = {}): ApprovalEntry {
  const repository = overrides.repository ?? "acme/device";
  return {
    kind: "approval",
    at: "2025-03-04T14:07:00.000Z",
    actor: "quinn",
    delivery: "a1b2c3d4-0000-11ef-8000-000000000002",
    repository,
    pullRequest: 42,
    headSha: HEAD,
    digest: "d".repeat(64),
    via: "review",
    basis: "member of team qa",
    reason: null,
    checkRunUrl: `https://github.com/${repository}/runs/2042`,
    ...overrides,
  };
}

export function refusal(overrides: Partial<RefusalEntry> = {}): RefusalEntry {
  return {
    kind: "refusal",
    at: "2025-03-04T11:00:00.000Z",
    actor: "dev-author",
    delivery: "a1b2c3d4-0000-11ef-8000-000000000003",
    repository: "acme/device",
    pullRequest: 42,
    headSha: HEAD,
    digest: "d".repeat(64),
    command: "approve",
    via: "comment",
    reason: "@dev-author opened this pull request and may not approve it",
    ...overrides,
  };
}

export function revocation(overrides: Partial<RevocationEntry> = {}): RevocationEntry {
  return { kind: "revocation", at: "2025-03-05T09:00:00.000Z", actor: "quinn", delivery: null, repository: "acme/device", pullRequest: 42, headSha: HEAD, digest: "d".repeat(64), via: "comment", reason: "wrong record", ...overrides };
}

export function invalidation(overrides: Partial<InvalidationEntry> = {}): InvalidationEntry {
  return {
    kind: "invalidation",
    at: "2025-03-05T10:00:00.000Z",
    actor: "soup-gate",
    delivery: "a1b2c3d4-0000-11ef-8000-000000000005",
    repository: "acme/device",
    pullRequest: 42,
    headSha: "7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d",
    fromDigest: "d".repeat(64),
    toDigest: "e".repeat(64),
    approver: "quinn",
    approvedCommit: HEAD,
    ...overrides,
  };
}
