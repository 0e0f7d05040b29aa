import { clip } from "../text/clip.js";
import type { ApprovalState } from "../approval/approval-state.js";
import { encodeApprovalState } from "../approval/approval-state.js";
import type { Evaluation } from "../policy/evaluation.js";
import { listUnassessedAnomalies } from "./describe-anomalies.js";
import { describeVersions } from "./describe-change.js";

/** The check run's name; bind it to the soup-gate App in branch protection, since anyone with write access can post a run of the same name. */
export const APPROVAL_CHECK_NAME = "SOUP approval";

export const APPROVE_ACTION = { label: "Approve", identifier: "approve", description: "Approve these SOUP changes (QA only)" } as const;

export interface ApprovalCheckOutput {
  conclusion: "success" | "action_required";
  title: string;
  summary: string;
  text: string;
  actions: Array<typeof APPROVE_ACTION>;
}

/** What one `SOUP approval` run is written with: an evaluated state, or a failure to evaluate. */
export type ApprovalRunOutput = Omit<ApprovalCheckOutput, "conclusion"> & { conclusion: ApprovalCheckOutput["conclusion"] | "failure" };

const short = (sha: string) => sha.slice(0, 7);

/** The `SOUP approval` check run for one head: conclusion, what is being approved, and the Approve button. */
export function renderApprovalCheck(approval: ApprovalState, evaluation: Evaluation, who: string): ApprovalCheckOutput {
  const text = `${encodeApprovalState(approval)}\n\nDigest: \`${approval.digest}\``;
  const what = whatIsApproved(evaluation);
  switch (approval.state) {
    case "not-needed":
      return { conclusion: "success", title: "Nothing to approve", summary: "No dependency in scope changed and no SOUP record changed.", text, actions: [] };
    case "not-required":
      return { conclusion: "success", title: "Approval not required by policy", summary: `\`approval.required\` is false in .github/soup.yml.\n\n${what}`, text, actions: [] };
    case "approved":
      return {
        conclusion: "success",
        title: `Approved by @${approval.approver}`,
        // Attempts refused since (a revocation by someone who may not revoke) stay visible too.
        summary: [approvalLine(approval), what, refusedList(approval)].filter((l) => l !== "").join("\n\n"),
        text,
        actions: [],
      };
    default: {
      const lines = [
        approval.state === "revoked" ? `The approval was revoked by @${approval.revokedBy}${approval.reason ? `: ${approval.reason}` : ""}.` : "These SOUP changes need a QA review before merging.",
        approval.invalidated ? `The approval by @${approval.invalidated.approver} at ${short(approval.invalidated.commit)} no longer applies: the dependency changes or the records changed since.` : "",
        `To approve: click **Approve** above, submit an approving review, or comment \`/soup approve [reason]\`. ${capitalise(who)}.`,
        what,
        refusedList(approval),
      ];
      return {
        conclusion: "action_required",
        title: approval.state === "revoked" ? "Approval revoked" : approval.invalidated ? "Approval invalidated by new changes" : "Waiting for QA approval",
        summary: lines.filter((l) => l !== "").join("\n\n"),
        text,
        actions: [APPROVE_ACTION],
      };
    }
  }
}

/**
 * The evaluation failed, so nothing can be approved on this commit: the run fails closed and carries no
 * approval state, and an approval given earlier applies again once an evaluation succeeds with its digest.
 */
export function renderApprovalError(reason: string): ApprovalRunOutput {
  const why = reason.split("\n")[0]!.trim() || "unexpected error";
  const title = `SOUP approval could not be evaluated: ${why}`;
  const summary = [
    "soup-gate could not evaluate this pull request, so its SOUP changes can be neither approved nor carried forward on this commit, and this check fails rather than pass unchecked.",
    `**Why:** ${why}`,
    "**What to do:** re-run the checks (**Re-run** in the Checks tab) or push a new commit. An approval given earlier is not lost: it applies again once the evaluation succeeds and the changes it covered are unchanged.",
  ].join("\n\n");
  // The text is sent even so: an update that left it out could leave an earlier approval state in place.
  const text = "This run holds no approval state: the evaluation of this commit did not complete.";
  return { conclusion: "failure", title: clip(title, 255), summary: summary.slice(0, 65_535), text, actions: [] };
}

/** The approval section of the pull-request comment. */
export function renderApprovalSection(approval: ApprovalState, who: string): string {
  switch (approval.state) {
    case "not-needed":
      return "";
    case "not-required":
      return "#### Approval\n\nNot required by the policy.";
    case "approved":
      return `#### Approval\n\n✅ ${approvalLine(approval)}`;
    case "revoked":
      return `#### Approval\n\n⏳ The approval was revoked by @${approval.revokedBy}${approval.reason ? `: ${approval.reason}` : ""}. ${capitalise(who)}; they approve with the **Approve** button of the \`SOUP approval\` check, an approving review, or \`/soup approve\`.`;
    default:
      return [
        "#### Approval",
        approval.invalidated ? `⚠️ The approval by @${approval.invalidated.approver} at ${short(approval.invalidated.commit)} no longer applies: this push changed the dependencies or records it covered.` : "",
        `⏳ Waiting for QA approval. ${capitalise(who)}; they approve with the **Approve** button of the \`SOUP approval\` check, an approving review, or \`/soup approve\`.`,
        refusedList(approval),
      ].filter((l) => l !== "").join("\n\n");
  }
}

function approvalLine(approval: ApprovalState): string {
  const via = approval.via === "button" ? "with the Approve button" : approval.via === "review" ? "in a review" : "with /soup approve";
  return `Approved by @${approval.approver} (${approval.basis}) ${via} at commit ${short(approval.commit ?? "")}${approval.at ? ` on ${approval.at.slice(0, 10)}` : ""}${approval.reason ? `: “${approval.reason}”` : ""}.`;
}

function whatIsApproved(evaluation: Evaluation): string {
  const changes = evaluation.changes.filter((c) => c.inScope);
  const lines = changes.slice(0, 50).map((c) => `- ${c.ecosystem} \`${c.name}\` ${describeVersions(c)} (${c.lockfile})`);
  if (changes.length > 50) lines.push(`- …and ${changes.length - 50} more`);
  for (const record of evaluation.changedRecords.slice(0, 50)) lines.push(`- record \`${record}\``);
  const unassessed = listUnassessedAnomalies(evaluation);
  const what = lines.length > 0 ? `What is being approved:\n${lines.join("\n")}` : "";
  return unassessed.length > 0 ? `${what}\n\nPublished advisories not assessed in the records yet:\n${unassessed.join("\n")}` : what;
}

function refusedList(approval: ApprovalState): string {
  if (!approval.refused || approval.refused.length === 0) return "";
  return `Refused attempts:\n${approval.refused.map((a) => `- @${a.login} (${a.via}, ${a.at.slice(0, 16).replace("T", " ")} UTC): ${a.reason}`).join("\n")}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
