import type { ChainedEntry, HistoryEntry, HistoryFinding } from "../entry.js";
import { describeRefusal, describeVia } from "./describe-decision.js";
import { formatTime, shortSha } from "./format-time.js";
import { commitChecksUrl, pullRequestUrl } from "./github-links.js";
import { HISTORY_PATH } from "./history-paths.js";
import { type Html, html, safeHref } from "./html.js";
import { queryString } from "./parse-history-query.js";

const FINDINGS_SHOWN = 5;

/**
 * The filtered entries, newest first: one row per entry, each linking to its pull request and check run.
 * Only evaluations record the pull request's title; `titles` (by `owner/name#number`) gives decisions theirs.
 */
export function renderEntriesTable(entries: readonly ChainedEntry[], webUrl: string, titles: ReadonlyMap<string, string> = new Map()): Html {
  return html`<table class="entries">
<thead><tr><th scope="col">No.</th><th scope="col">Time</th><th scope="col">Pull request</th><th scope="col">Event</th><th scope="col">By</th><th scope="col">Details</th><th scope="col">Links</th></tr></thead>
<tbody>
${entries.map((chained) => renderRow(chained, webUrl, titles))}
</tbody>
</table>`;
}

/** The latest title of each pull request among the entries' evaluations. */
export function pullRequestTitles(entries: readonly ChainedEntry[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const { entry } of entries) if (entry.kind === "evaluation") titles.set(`${entry.repository.toLowerCase()}#${entry.pullRequest}`, entry.pullRequestTitle);
  return titles;
}

function renderRow({ seq, entry }: ChainedEntry, webUrl: string, titles: ReadonlyMap<string, string>): Html {
  const prUrl = pullRequestUrl(webUrl, entry.repository, entry.pullRequest);
  const title = entry.kind === "evaluation" ? entry.pullRequestTitle : titles.get(`${entry.repository.toLowerCase()}#${entry.pullRequest}`);
  const runUrl = safeHref("checkRunUrl" in entry ? entry.checkRunUrl : null);
  return html`<tr>
<td class="seq">${seq}</td>
<td class="when">${formatTime(entry.at)}</td>
<td class="pr"><span class="nowrap"><span class="mono">${entry.repository}</span> #${entry.pullRequest}</span>${title ? html`<span class="pr-title">${title}</span>` : ""}<span class="sub line">at <span class="mono">${shortSha(entry.headSha)}</span></span></td>
<td>${eventBadge(entry)}</td>
<td class="by">${entry.actor === "soup-gate" ? html`<span class="sub">soup-gate</span>` : html`@${entry.actor}`}</td>
<td>${details(entry)}</td>
<td class="links"><a class="ref" href="${prUrl}">Pull request</a>${runUrl ? html`<a class="ref" href="${runUrl}">Check run</a>` : html`<a class="ref" href="${commitChecksUrl(webUrl, entry.repository, entry.headSha)}">Checks of ${shortSha(entry.headSha)}</a>`}</td>
</tr>`;
}

export function eventBadge(entry: HistoryEntry): Html {
  switch (entry.kind) {
    case "evaluation":
      return entry.conclusion === "success" ? html`<span class="badge ok">Check passed</span>` : html`<span class="badge bad">Check failed</span>`;
    case "approval":
      return html`<span class="badge ok">Approved</span>`;
    case "refusal":
      return html`<span class="badge warn">Refused</span>`;
    case "revocation":
      return html`<span class="badge warn">Revoked</span>`;
    case "invalidation":
      return html`<span class="badge warn">Invalidated</span>`;
  }
}

function details(entry: HistoryEntry): Html {
  switch (entry.kind) {
    case "evaluation":
      return html`${
        entry.changes.length === 0
          ? html`<span class="sub">No checked dependency changed.</span>`
          : html`<ul class="plain">${entry.changes.map(
              (c) => html`<li class="change"><a href="${HISTORY_PATH}${queryString({ repository: entry.repository, package: c.name })}" title="Timeline of ${c.name} in ${entry.repository}">${c.name}</a> ${versions(c.from, c.to)} <span class="sub">${c.ecosystem}</span></li>`,
            )}</ul>`
      }${renderFindings(entry.findings)}`;
    case "approval":
      return html`Digest <span class="mono">${entry.digest.slice(0, 12)}</span> approved through ${describeVia(entry.via)}<span class="sub line">${entry.basis}</span>${entry.reason ? html`<span class="sub line">“${entry.reason}”</span>` : ""}`;
    case "refusal":
      return html`${describeRefusal(entry)}: ${entry.reason}`;
    case "revocation":
      return html`Approval withdrawn by ${describeVia(entry.via, "revoke")}${entry.reason ? html`<span class="sub line">“${entry.reason}”</span>` : ""}`;
    case "invalidation":
      return html`The approval by @${entry.approver} at <span class="mono">${shortSha(entry.approvedCommit)}</span> no longer applies: the checked changes moved from digest <span class="mono">${entry.fromDigest.slice(0, 12)}</span> to <span class="mono">${entry.toDigest.slice(0, 12)}</span>.`;
  }
}

export function versions(from: string | null, to: string | null): Html {
  return html`<span class="mono">${from ?? "(none)"}</span><span class="arrow">→</span><span class="mono">${to ?? "(removed)"}</span>`;
}

export function renderFindings(findings: readonly HistoryFinding[]): Html | "" {
  if (findings.length === 0) return "";
  const shown = findings.slice(0, FINDINGS_SHOWN);
  return html`<ul class="plain findings">${shown.map((f) => html`<li><span class="sev-${f.severity}">${f.code}</span> ${f.message}</li>`)}${
    findings.length > shown.length ? html`<li class="sub">and ${findings.length - shown.length} more in the export</li>` : ""
  }</ul>`;
}
