import type { ApprovalVia } from "../../approval/approval-state.js";
import type { RefusalEntry } from "../entry.js";

/** How a decision was taken, as a reviewer would say it. */
export function describeVia(via: ApprovalVia | "review-dismissed", command: "approve" | "revoke" = "approve"): string {
  switch (via) {
    case "button":
      return "the Approve button";
    case "review":
      return "an approving review";
    case "comment":
      return `a /soup ${command} comment`;
    case "review-dismissed":
      return "dismissing the approving review";
  }
}

export function describeRefusal(entry: RefusalEntry): string {
  return `${entry.command === "approve" ? "Approval" : "Revocation"} through ${describeVia(entry.via, entry.command)} refused`;
}
