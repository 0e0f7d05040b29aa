import type { HistoryEntry } from "../../../src/history/entry.js";
import type { HistoryStore } from "../../../src/history/store.js";
import { approval, change, evaluation, invalidation, refusal, revocation } from "../history-entries.js";

const sha = (c: string) => c.repeat(40);
export const HOSTILE_TITLE = `<script>alert("pwned")</script> Bump lodash`;

/**
 * A device repository's SOUP history as an auditor would meet it: timm moved twice (the second time
 * after a failing check, a refused self-approval and a QA approval), torch approved and then invalidated
 * by a later push, an approval withdrawn, a hostile pull-request title — and a second repository only
 * some users can read. In the order soup-gate would have written them.
 */
export function auditScenario(web: string): HistoryEntry[] {
  return scenario(web).sort((a, b) => a.at.localeCompare(b.at));
}

function scenario(web: string): HistoryEntry[] {
  const pump = "acme/infusion-pump";
  const run = (n: number) => `${web}/${pump}/runs/${n}`;
  const timm42 = { repository: pump, pullRequest: 42, pullRequestTitle: "Bump timm from 1.0.22 to 1.0.24" };
  return [
    evaluation({ repository: pump, pullRequest: 31, pullRequestTitle: "Bump timm from 1.0.20 to 1.0.22", at: "2025-01-14T09:12:00Z", headSha: sha("a"), changes: [change({ from: "1.0.20", to: "1.0.22", line: 12 })], checkRunUrl: run(3101), digest: sha("1") }),
    approval({ repository: pump, pullRequest: 31, actor: "quinn", at: "2025-01-14T15:40:00Z", headSha: sha("a"), via: "button", digest: sha("1"), checkRunUrl: run(3102) }),
    evaluation({
      ...timm42,
      at: "2025-03-04T10:02:00Z",
      headSha: sha("b"),
      conclusion: "failure",
      digest: sha("2"),
      checkRunUrl: run(4201),
      changes: [change({ findings: [{ code: "version-not-recorded", severity: "failure", message: "docs/soup/timm.md lists 1.0.22 but the lockfile now has 1.0.24: add 1.0.24 to the record's versions after reviewing its changelog" }] })],
      findings: [{ code: "version-not-recorded", severity: "failure", message: "docs/soup/timm.md lists 1.0.22 but the lockfile now has 1.0.24", path: "docs/soup/timm.md", line: 9 }],
    }),
    refusal({ repository: pump, pullRequest: 42, actor: "alex-dev", at: "2025-03-04T10:30:00Z", headSha: sha("b"), digest: sha("2"), reason: "@alex-dev opened this pull request and may not approve it" }),
    evaluation({ ...timm42, at: "2025-03-04T13:20:00Z", headSha: sha("c"), digest: sha("3"), checkRunUrl: run(4203) }),
    approval({ repository: pump, pullRequest: 42, actor: "quinn", at: "2025-03-04T14:07:00Z", headSha: sha("c"), digest: sha("3"), via: "review", reason: "Changelog reviewed: bug fixes only, no change to the model API", checkRunUrl: run(4204) }),
    evaluation({ repository: pump, pullRequest: 45, pullRequestTitle: "Upgrade torch to 2.5.0", at: "2025-03-10T08:00:00Z", headSha: sha("d"), digest: sha("4"), changes: [change({ name: "torch", from: "2.4.1", to: "2.5.0", record: "docs/soup/torch.md" })], checkRunUrl: run(4501) }),
    approval({ repository: pump, pullRequest: 45, actor: "rene", at: "2025-03-10T09:00:00Z", headSha: sha("d"), digest: sha("4"), via: "comment", basis: "listed in approval.users", checkRunUrl: run(4502) }),
    invalidation({ repository: pump, pullRequest: 45, at: "2025-03-11T07:45:00Z", headSha: sha("e"), fromDigest: sha("4"), toDigest: sha("5"), approver: "rene", approvedCommit: sha("d") }),
    evaluation({ repository: pump, pullRequest: 45, pullRequestTitle: "Upgrade torch to 2.5.0", at: "2025-03-11T07:45:00Z", headSha: sha("e"), digest: sha("5"), changes: [change({ name: "torch", from: "2.4.1", to: "2.5.1", record: "docs/soup/torch.md" })], checkRunUrl: run(4503) }),
    evaluation({ repository: pump, pullRequest: 50, pullRequestTitle: HOSTILE_TITLE, at: "2025-03-12T11:00:00Z", headSha: sha("f"), digest: sha("6"), changes: [change({ ecosystem: "npm", name: "lodash", from: "4.17.20", to: "4.17.21", lockfile: "ui/package-lock.json", line: 88, record: "docs/soup/lodash.md" })], checkRunUrl: run(5001) }),
    approval({ repository: pump, pullRequest: 50, actor: "quinn", at: "2025-03-12T12:00:00Z", headSha: sha("f"), digest: sha("6"), via: "comment", checkRunUrl: run(5002) }),
    revocation({ repository: pump, pullRequest: 50, actor: "quinn", at: "2025-03-12T12:30:00Z", headSha: sha("f"), digest: sha("6"), reason: "Record names the wrong licence" }),
    evaluation({ repository: "acme/secret-device", pullRequest: 7, pullRequestTitle: "Secret timm bump", at: "2025-02-01T10:00:00Z", headSha: sha("9"), digest: sha("7"), changes: [change({ from: "0.9.16", to: "1.0.24" })], checkRunUrl: `${web}/acme/secret-device/runs/701` }),
    approval({ repository: "acme/secret-device", pullRequest: 7, actor: "quinn", at: "2025-02-01T11:00:00Z", headSha: sha("9"), digest: sha("7"), checkRunUrl: `${web}/acme/secret-device/runs/702` }),
  ];
}

export async function appendAll(store: HistoryStore, entries: readonly HistoryEntry[]): Promise<void> {
  for (const entry of entries) await store.append(entry);
}
