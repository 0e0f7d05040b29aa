import type { ChainedEntry } from "../entry.js";
import type { Timeline, TimelineStep } from "./build-timelines.js";
import { describeRefusal, describeVia } from "./describe-decision.js";
import { formatTime, shortSha } from "./format-time.js";
import { commitChecksUrl, pullRequestUrl } from "./github-links.js";
import { HISTORY_PATH } from "./history-paths.js";
import { type Html, html, safeHref } from "./html.js";
import { queryString } from "./parse-history-query.js";
import { renderFindings, versions } from "./render-entries-table.js";

/**
 * One package in one repository: the versions its pull requests moved it through, then each pull
 * request with every check of it (conclusion and the package's findings then) and every decision on it.
 */
export function renderTimeline(timeline: Timeline, webUrl: string, linkToOwnPage: boolean): Html {
  const ownPage = `${HISTORY_PATH}${queryString({ repository: timeline.repository, package: timeline.name })}`;
  return html`<section class="timeline" aria-label="Timeline of ${timeline.name} in ${timeline.repository}">
<h3><span class="mono">${timeline.name}</span> <span class="badge info">${timeline.ecosystem === "pypi" ? "PyPI" : "npm"}</span> <span class="sub">in <span class="mono">${timeline.repository}</span></span>${
    linkToOwnPage ? html` <a class="no-print sub" href="${ownPage}">Open this timeline</a>` : ""
  }</h3>
${renderPath(timeline)}
<ol class="steps">
${timeline.steps.map((step) => renderStep(step, webUrl))}
</ol>
</section>`;
}

/** `1.0.20 → 1.0.22 (#31) → 1.0.24 (#42)`: the versions proposed, in the order they were first checked. */
function renderPath(timeline: Timeline): Html {
  const first = timeline.steps[0]?.change.from;
  const parts: Html[] = [];
  if (first) parts.push(html`<span class="version">${first}</span>`);
  timeline.steps.forEach((step, i) => {
    if (parts.length > 0) parts.push(html`<span class="arrow">→</span>`);
    const current = i === timeline.steps.length - 1;
    parts.push(html`<span class="version${current ? " current" : ""}">${step.change.to ?? "removed"}</span><span class="sub">#${step.pullRequest}</span>`);
  });
  return html`<div class="path"><span class="label">Versions</span>${parts}</div>`;
}

function renderStep(step: TimelineStep, webUrl: string): Html {
  const last = step.checks[step.checks.length - 1]!;
  const tone = last.conclusion === "failure" ? "failing" : step.standing.state === "approved" ? "approved" : step.standing.state === "none" ? "" : "attention";
  const prUrl = pullRequestUrl(webUrl, step.repository, step.pullRequest);
  return html`<li class="${tone}">
<div class="step-head"><span class="versions">${versions(step.change.from, step.change.to)}</span>
<a class="ref" href="${prUrl}">#${step.pullRequest} ${step.title}</a>
${standingBadge(step)}</div>
<div class="sub"><span class="mono">${step.change.lockfile}:${step.change.line}</span>${step.change.record ? html` · record <span class="mono">${step.change.record}</span>` : html` · no record`}</div>
<div class="step-grid">
<div><h4>Checks</h4><ul class="plain">${step.checks.map(
    (check) => html`<li>${check.conclusion === "success" ? html`<span class="badge ok">passed</span>` : html`<span class="badge bad">failed</span>`} ${formatTime(check.at)} at <a class="ref mono" href="${
      safeHref(check.checkRunUrl) ?? commitChecksUrl(webUrl, step.repository, check.headSha)
    }">${shortSha(check.headSha)}</a>${
      check.change.from !== step.change.from || check.change.to !== step.change.to ? html` <span class="sub">(${versions(check.change.from, check.change.to)})</span>` : ""
    }${renderFindings(check.change.findings)}</li>`,
  )}</ul></div>
<div><h4>Approval</h4>${
    step.decisions.length === 0 ? html`<p class="sub">No approval recorded.</p>` : html`<ul class="plain">${step.decisions.map((d) => renderDecision(d, webUrl))}</ul>`
  }</div>
</div>
</li>`;
}

function standingBadge(step: TimelineStep): Html {
  const last = step.checks[step.checks.length - 1]!;
  const check = last.conclusion === "failure" ? html`<span class="badge bad">check failing</span> ` : "";
  switch (step.standing.state) {
    case "approved":
      return html`${check}<span class="badge ok">approved by @${step.standing.entry.actor}</span>`;
    case "revoked":
      return html`${check}<span class="badge warn">approval withdrawn</span>`;
    case "invalidated":
      return html`${check}<span class="badge warn">approval no longer applies</span>`;
    case "none":
      return html`${check}<span class="badge">not approved</span>`;
  }
}

function renderDecision({ entry }: ChainedEntry, webUrl: string): Html {
  const when = formatTime(entry.at);
  switch (entry.kind) {
    case "approval": {
      const run = safeHref(entry.checkRunUrl) ?? commitChecksUrl(webUrl, entry.repository, entry.headSha);
      return html`<li><span class="badge ok">approved</span> by <strong>@${entry.actor}</strong> ${when} through ${describeVia(entry.via)} at <a class="ref mono" href="${run}">${shortSha(entry.headSha)}</a><span class="sub line">${entry.basis}${entry.reason ? html` · “${entry.reason}”` : ""}</span></li>`;
    }
    case "refusal":
      return html`<li><span class="badge warn">refused</span> @${entry.actor} ${when}: ${describeRefusal(entry)} — ${entry.reason}</li>`;
    case "revocation":
      return html`<li><span class="badge warn">withdrawn</span> by @${entry.actor} ${when} through ${describeVia(entry.via, "revoke")}${entry.reason ? html` — “${entry.reason}”` : ""}</li>`;
    case "invalidation":
      return html`<li><span class="badge warn">invalidated</span> ${when}: a push at <span class="mono">${shortSha(entry.headSha)}</span> changed what @${entry.approver} approved at <span class="mono">${shortSha(entry.approvedCommit)}</span></li>`;
    case "evaluation":
      return html``;
  }
}
