import { describe, expect, test } from "@jest/globals";
import type { ChainedEntry, HistoryEntry } from "../../../src/history/entry.js";
import { buildTimelines } from "../../../src/history/page/build-timelines.js";
import { escapeHtml, html } from "../../../src/history/page/html.js";
import { PAGE_STYLE } from "../../../src/history/page/page-style.js";
import { type HistoryView, MAX_ROWS, renderHistoryPage } from "../../../src/history/page/render-history-page.js";
import { approval, change, evaluation, invalidation, refusal, revocation } from "../history-entries.js";

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

function chain(...entries: HistoryEntry[]): ChainedEntry[] {
  return entries.map((entry, i) => ({ seq: i + 1, hash: String(i).padStart(64, "0"), entry }));
}

function view(entries: ChainedEntry[], overrides: Partial<HistoryView> = {}): HistoryView {
  return {
    login: "quinn",
    readable: ["acme/device"],
    values: { repository: "", package: "", approver: "", since: "", until: "" },
    problems: [],
    entries,
    timelines: undefined,
    webUrl: "https://github.com",
    now: "2025-03-06T08:00:00.000Z",
    ...overrides,
  };
}

/** The page's text as a reader sees it: tags dropped, entities decoded. */
function visibleText(page: string): string {
  return page
    .replace(/<style>[\s\S]*?<\/style>/, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/\s+/g, " ");
}

describe("html", () => {
  test("escapes every interpolated string, keeps nested html as it is", () => {
    expect(html`<p title="${'"quoted" & <b>'}">${"<i>it's</i>"}${html`<b>ok</b>`}${[html`<br>`, "<"]}</p>`.text).toBe(
      `<p title="&#34;quoted&#34; &#38; &#60;b&#62;">&#60;i&#62;it&#39;s&#60;/i&#62;<b>ok</b><br>&#60;</p>`,
    );
    expect(escapeHtml(`&<>"'`)).toBe("&#38;&#60;&#62;&#34;&#39;");
  });
});

describe("renderHistoryPage", () => {
  test("text from pull requests (titles, logins, reasons, finding messages, package names) is shown as text, never as markup", () => {
    const entries = chain(
      evaluation({ pullRequestTitle: HOSTILE, changes: [change({ name: HOSTILE, findings: [] })], findings: [{ code: "missing-record", severity: "failure", message: HOSTILE }] }),
      approval({ actor: HOSTILE, basis: HOSTILE, reason: HOSTILE }),
      refusal({ actor: HOSTILE, reason: HOSTILE }),
      revocation({ reason: HOSTILE }),
      invalidation({ approver: HOSTILE }),
    );
    const page = renderHistoryPage(view(entries, { values: { repository: HOSTILE, package: HOSTILE, approver: "", since: "", until: "" } }));
    expect(page).not.toContain("<script>");
    expect(page).not.toContain("<img");
    expect(page).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#60;img src=x onerror=alert(1)&#62;");
    expect(visibleText(page).split(HOSTILE).length - 1).toBeGreaterThanOrEqual(10);
  });

  test("the timeline says which pull request moved the package, what the check said then, and who approved it when", () => {
    const entries = chain(
      evaluation({ pullRequest: 31, pullRequestTitle: "Bump timm to 1.0.22", changes: [change({ from: "1.0.20", to: "1.0.22" })], at: "2025-01-10T09:00:00Z" }),
      approval({ pullRequest: 31, actor: "rene", at: "2025-01-10T12:30:00Z", via: "button", checkRunUrl: "https://github.com/acme/device/runs/2031" }),
      evaluation({ conclusion: "failure", headSha: "1".repeat(40), changes: [change({ findings: [{ code: "version-not-recorded", severity: "failure", message: "docs/soup/timm.md does not name version 1.0.24" }] })] }),
      refusal(),
      evaluation({ headSha: "2".repeat(40), at: "2025-03-04T13:00:00Z", checkRunUrl: "https://github.com/acme/device/runs/4242" }),
      approval({ headSha: "2".repeat(40), reason: "Reviewed the changelog" }),
    );
    const timelines = buildTimelines(entries, "timm");
    const page = renderHistoryPage(view(entries, { values: { repository: "", package: "timm", approver: "", since: "", until: "" }, timelines }));
    const text = visibleText(page);
    expect(text).toContain("Timeline of timm");
    expect(text).toContain("Versions 1.0.20 → 1.0.22 #31 → 1.0.24 #42");
    expect(text).toContain("1.0.22 → 1.0.24 #42 Bump timm from 1.0.22 to 1.0.24 approved by @quinn");
    expect(text).toContain("failed 2025-03-04 10:02 UTC at 1111111 version-not-recorded docs/soup/timm.md does not name version 1.0.24");
    expect(text).toContain("passed 2025-03-04 13:00 UTC at 2222222");
    expect(text).toContain("refused @dev-author 2025-03-04 11:00 UTC: Approval through a /soup approve comment refused — @dev-author opened this pull request and may not approve it");
    expect(text).toContain("approved by @quinn 2025-03-04 14:07 UTC through an approving review at 2222222 member of team qa · “Reviewed the changelog”");
    expect(text).toContain("approved by @rene 2025-01-10 12:30 UTC through the Approve button");
    expect(page).toContain(`<a class="ref" href="https://github.com/acme/device/pull/42">#42 Bump timm from 1.0.22 to 1.0.24</a>`);
    expect(page).toContain(`href="https://github.com/acme/device/runs/4242">2222222</a>`);
  });

  test("revocations and invalidations show on the timeline and in the table", () => {
    const entries = chain(evaluation(), approval(), revocation(), approval({ at: "2025-03-05T09:30:00Z" }), invalidation(), evaluation({ digest: "e".repeat(64), headSha: invalidation().headSha, at: "2025-03-05T10:00:01Z" }));
    const timelines = buildTimelines(entries, "timm");
    const text = visibleText(renderHistoryPage(view(entries, { values: { repository: "", package: "timm", approver: "", since: "", until: "" }, timelines })));
    expect(text).toContain("approval no longer applies");
    expect(text).toContain("withdrawn by @quinn 2025-03-05 09:00 UTC through a /soup revoke comment — “wrong record”");
    expect(text).toContain("invalidated 2025-03-05 10:00 UTC: a push at 7e6d5c4 changed what @quinn approved at 3f1c0d9");
    expect(text).toContain("Invalidated soup-gate The approval by @quinn at 3f1c0d9 no longer applies");
    expect(text).toContain("Revoked @quinn Approval withdrawn by a /soup revoke comment");
  });

  test("every row links to its pull request and to its check run, or to the checks of its commit when it names none", () => {
    const entries = chain(evaluation(), refusal());
    const page = renderHistoryPage(view(entries));
    const rows = page.split("<tr>").slice(2);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toContain(`href="https://github.com/acme/device/pull/42">Pull request</a>`);
    expect(rows[1]).toContain(`href="https://github.com/acme/device/runs/1042">Check run</a>`);
    expect(rows[0]).toContain(`href="https://github.com/acme/device/commit/3f1c0d9e2b7a4c5d6e8f9a0b1c2d3e4f5a6b7c8d/checks">Checks of 3f1c0d9</a>`);
  });

  test("a decision's row names the pull request by the title its evaluation recorded", () => {
    const rows = renderHistoryPage(view(chain(evaluation({ pullRequestTitle: "Bump timm for the new tokenizer" }), approval(), refusal({ pullRequest: 99 })))).split("<tr>").slice(2);
    expect(rows[1]).toContain(`<span class="pr-title">Bump timm for the new tokenizer</span>`);
    expect(rows[0]).toContain("#99</span><span class=\"sub line\">");
  });

  test("newest entries first, each package linked to its timeline", () => {
    const page = renderHistoryPage(view(chain(evaluation(), approval())));
    expect(page.indexOf("Approved</span>")).toBeLessThan(page.indexOf("Check passed"));
    expect(page).toContain(`<a href="/soup-gate/history?repo=acme%2Fdevice&#38;package=timm"`);
  });

  test("a stored check-run URL that is not http(s) is never a link", () => {
    const page = renderHistoryPage(view(chain(evaluation({ checkRunUrl: "javascript:alert(1)" }))));
    expect(page).not.toContain("javascript:");
    expect(page).toContain("Checks of 3f1c0d9");
  });

  test(`at most ${MAX_ROWS} rows, saying so and pointing to the downloads`, () => {
    const entries = chain(...Array.from({ length: MAX_ROWS + 20 }, (_, i) => evaluation({ pullRequest: i + 1 })));
    const page = renderHistoryPage(view(entries));
    expect(page.split("<tr>").length - 2).toBe(MAX_ROWS);
    expect(visibleText(page)).toContain(`Showing the newest ${MAX_ROWS} of ${MAX_ROWS + 20} entries. Narrow the filters, or download the CSV or JSON for all of them.`);
    expect(page).toContain(">520</td>");
    expect(page).not.toContain(">20</td>");
  });

  test("the downloads carry the filters of the view", () => {
    const page = renderHistoryPage(view([], { values: { repository: "acme/device", package: "timm", approver: "quinn", since: "2025-01-01", until: "2025-03-31" } }));
    expect(page).toContain(`href="/soup-gate/history/export?repo=acme%2Fdevice&#38;package=timm&#38;approver=quinn&#38;since=2025-01-01&#38;until=2025-03-31&#38;format=csv"`);
    expect(page).toContain(`format=json"`);
  });

  test("a filter problem is shown instead of any entry", () => {
    const page = renderHistoryPage(view(chain(evaluation()), { problems: ["acme/secret is not among the repositories you can read through soup-gate."] }));
    expect(visibleText(page)).toContain("acme/secret is not among the repositories you can read through soup-gate.");
    expect(page).not.toContain("<table");
  });

  test("a user who can read no repository is told why there is nothing", () => {
    expect(visibleText(renderHistoryPage(view([], { readable: [] })))).toContain("Your GitHub account can read no repository where this soup-gate App is installed");
  });

  test("printable: a print stylesheet hides the controls and the page prints its filters and when it was made", () => {
    expect(PAGE_STYLE).toMatch(/@media print \{[\s\S]*form\.filters[\s\S]*display: none/);
    const text = visibleText(renderHistoryPage(view([], { values: { repository: "", package: "timm", approver: "", since: "2025-01-01", until: "" } })));
    expect(text).toContain("Filters: all repositories you can read, package timm, from 2025-01-01 · printed from soup-gate 2025-03-06 08:00 UTC by @quinn");
  });
});
