import type { ApprovalState } from "../approval/approval-state.js";

/** One pull request of a merge group, as its own checks left it on its head. */
export interface QueuedPull {
  number: number;
  headSha: string;
  /** The conclusion of its last completed `SOUP records` run there; undefined: none. */
  records: string | undefined;
  /** The approval state of its last `SOUP approval` run there; undefined: none that holds a state. */
  approval: ApprovalState | undefined;
}

export interface GroupCheck {
  conclusion: "success" | "failure";
  title: string;
  summary: string;
}

const short = (sha: string) => sha.slice(0, 7);
const numbers = (pulls: readonly QueuedPull[]) => pulls.map((p) => `#${p.number}`).join(", ");

/** `SOUP records` on a merge group: success only when every pull request in it passed its own. */
export function renderGroupRecords(pulls: readonly QueuedPull[]): GroupCheck {
  const failing = pulls.filter((p) => p.records !== "success");
  if (failing.length === 0) {
    return { conclusion: "success", title: "Every pull request in the group passed SOUP records", summary: `The merge group holds ${numbers(pulls)}; each passed its SOUP records check at its head.` };
  }
  const lines = failing.map((p) => `- #${p.number} at ${short(p.headSha)}: ${p.records === undefined ? "no completed SOUP records check" : `SOUP records ${p.records}`}`);
  return { conclusion: "failure", title: `SOUP records not passed by ${numbers(failing)}`, summary: [`The merge group holds ${numbers(pulls)}. Not passed:`, ...lines, "", "Fix them on the pull request (or re-run its checks) and queue it again."].join("\n") };
}

/** `SOUP approval` on a merge group: success only when every pull request in it is approved or needs no approval. */
export function renderGroupApproval(pulls: readonly QueuedPull[]): GroupCheck {
  const waiting = pulls.filter((p) => !isSettled(p.approval));
  if (waiting.length === 0) {
    return { conclusion: "success", title: "Every pull request in the group is approved or needs no approval", summary: `The merge group holds ${numbers(pulls)}: ${pulls.map((p) => `#${p.number} ${describe(p.approval)}`).join("; ")}.` };
  }
  const lines = waiting.map((p) => `- #${p.number} at ${short(p.headSha)}: ${describe(p.approval)}`);
  return { conclusion: "failure", title: `SOUP approval missing for ${numbers(waiting)}`, summary: [`The merge group holds ${numbers(pulls)}. Not approved:`, ...lines, "", "QA approves on the pull request itself; then queue it again."].join("\n") };
}

function isSettled(approval: ApprovalState | undefined): boolean {
  return approval?.state === "approved" || approval?.state === "not-needed" || approval?.state === "not-required";
}

function describe(approval: ApprovalState | undefined): string {
  switch (approval?.state) {
    case undefined:
      return "no evaluation of its head";
    case "approved":
      return `approved by @${approval.approver}`;
    case "not-needed":
      return "nothing to approve";
    case "not-required":
      return "approval not required by policy";
    case "pending":
      return "waiting for QA approval";
    case "revoked":
      return `approval revoked by @${approval.revokedBy ?? "someone"}`;
  }
}
