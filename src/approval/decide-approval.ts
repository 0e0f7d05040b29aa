import type { ApprovalState } from "./approval-state.js";

export interface ApprovalContext {
  digest: string;
  /** Are there in-scope changes or changed record files? */
  needed: boolean;
  /** `approval.required` of the policy. */
  required: boolean;
}

/**
 * The approval state of a freshly evaluated head, from the state of the previous head: an
 * approval carries forward while the digest is unchanged and is invalidated, with the reason kept, when
 * it changes.
 */
export function decideApproval(previous: ApprovalState | undefined, context: ApprovalContext): ApprovalState {
  const { digest } = context;
  if (!context.needed) return { v: 1, digest, state: "not-needed" };
  if (!context.required) return { v: 1, digest, state: "not-required" };
  if (previous?.digest === digest) {
    if (previous.state === "approved" || previous.state === "revoked") return previous;
    return {
      v: 1,
      digest,
      state: "pending",
      ...(previous.refused ? { refused: previous.refused } : {}),
      ...(previous.invalidated ? { invalidated: previous.invalidated } : {}),
      ...(previous.pushedBy ? { pushedBy: previous.pushedBy } : {}),
    };
  }
  if (previous?.state === "approved" && previous.approver && previous.commit) {
    return { v: 1, digest, state: "pending", invalidated: { approver: previous.approver, commit: previous.commit } };
  }
  return { v: 1, digest, state: "pending" };
}
