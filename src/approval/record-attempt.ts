import { CONFIG_PATH } from "../policy/config.js";
import type { ApprovalState, ApprovalVia } from "./approval-state.js";

export type Command = "approve" | "revoke";

export interface AttemptFacts {
  login: string;
  via: ApprovalVia;
  /** ISO timestamp: the clock read once for the event. */
  at: string;
  reason?: string;
}

/**
 * Why an approve or revoke has nothing to act on, before anyone is asked who may approve; undefined when it
 * has. These are not refusals: nobody was turned away, there was simply nothing to do.
 */
export function nothingToDo(approval: ApprovalState, command: Command): string | undefined {
  if (approval.state === "not-needed") return "nothing to approve: no dependency in scope changed and no SOUP record changed";
  if (approval.state === "not-required") return `approval is not required by ${CONFIG_PATH}`;
  if (command === "revoke" && approval.state !== "approved") return "there is no approval to revoke";
  return undefined;
}

/** An accepted approval of the head `commit`; earlier refusals stay on record. */
export function recordApproval(approval: ApprovalState, facts: AttemptFacts & { basis: string; commit: string }): ApprovalState {
  return {
    v: 1,
    digest: approval.digest,
    state: "approved",
    approver: facts.login,
    basis: facts.basis,
    via: facts.via,
    commit: facts.commit,
    at: facts.at,
    ...(facts.reason ? { reason: facts.reason } : {}),
    ...(approval.pushedBy ? { pushedBy: approval.pushedBy } : {}),
    ...(approval.refused ? { refused: approval.refused } : {}),
  };
}

/** A withdrawn approval: the gate is pending again, and says who withdrew it and why. */
export function recordRevocation(approval: ApprovalState, facts: AttemptFacts): ApprovalState {
  return {
    v: 1,
    digest: approval.digest,
    state: "revoked",
    revokedBy: facts.login,
    at: facts.at,
    ...(facts.reason ? { reason: facts.reason } : {}),
    ...(approval.pushedBy ? { pushedBy: approval.pushedBy } : {}),
    ...(approval.refused ? { refused: approval.refused } : {}),
  };
}

/**
 * A refused attempt, appended to the state it left unchanged. A webhook delivered twice records it once:
 * the same person refused the same way for the same reason is already the last entry.
 */
export function recordRefusal(approval: ApprovalState, facts: AttemptFacts & { reason: string }): ApprovalState {
  const last = approval.refused?.[approval.refused.length - 1];
  if (last && last.login === facts.login && last.via === facts.via && last.reason === facts.reason) return approval;
  return { ...approval, refused: [...(approval.refused ?? []), { login: facts.login, via: facts.via, at: facts.at, reason: facts.reason }] };
}
