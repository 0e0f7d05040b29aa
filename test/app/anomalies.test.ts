import { beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import type { Probot } from "probot";
import { createOsvApiSource } from "../../src/anomalies/osv-api-source.js";
import { advisoryText, TORCH_LOAD_RCE } from "../anomalies/fixtures.js";
import type { FakeRepo } from "./fake-repo.js";
import { daysFromToday, requirements } from "./fixtures.js";
import { expectEveryRequestValidAndMade, type GitHubStandIn, loadApp, useStandIn } from "./github.js";
import { delivery, pullRequestEvent } from "./payloads.js";

let probot: Probot;
let repo: FakeRepo;
let github: GitHubStandIn;

useStandIn((t) => ({ probot, repo, github } = t));
// The real OSV client, created once for the App as in production; OSV's API is stood in by nock per test.
beforeEach(async () => {
  probot = await loadApp(createOsvApiSource());
});

const OSV = "https://api.osv.dev";
const TORCH = "docs/soup/torch.md";
const MARKER = "<!-- soup-gate -->\n";

/** The torch record in the Legit.Health form, with the given rows in its Known Anomalies Assessment table. */
function torchRecord(...anomalyRows: string[]): string {
  return [
    "# PyTorch",
    "",
    "## General Information",
    "",
    "| Field | Value |",
    "|---|---|",
    "| Package Name | torch (PyTorch) |",
    "| Manufacturer / Vendor | PyTorch Foundation |",
    "| Deployed Version(s) | >=2.0.0 (version-locked at 2.5.1 and 2.6.0) |",
    "| Most Recent Available Version | 2.6.0 |",
    `| Last Review Date | ${daysFromToday(-10)} |`,
    "",
    "## Known Anomalies Assessment",
    "",
    "| Anomaly Reference | Status | Applicable | Rationale | Reviewed At |",
    "|---|---|---|---|---|",
    ...anomalyRows,
    "",
  ].join("\n");
}

/** OSV as its documentation shows it: one querybatch for torch 2.5.1 naming GHSA-53q9-r3pm-6pq6, then its details. */
function osvKnowsTorchLoadRce(): unknown[] {
  const batches: unknown[] = [];
  nock(OSV)
    .post("/v1/querybatch", (body) => (batches.push(body), true))
    .reply(200, { results: [{ vulns: [{ id: "GHSA-53q9-r3pm-6pq6", modified: "2025-08-29T19:45:46Z" }] }] })
    .get("/v1/vulns/GHSA-53q9-r3pm-6pq6")
    .reply(200, JSON.parse(advisoryText(TORCH_LOAD_RCE)));
  return batches;
}

function setUp(record: string, config: string | null = null) {
  const base = repo.commit({ "requirements.txt": requirements({ torch: "2.6.0" }), [TORCH]: record });
  const head = repo.commit({ "requirements.txt": requirements({ torch: "2.5.1" }) }, base);
  github.token().createCheckRun(7, head);
  github.reads({ number: 3, base, head, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", TORCH], config });
  github.approvalRuns(head).createApprovalRun(8, head);
  github.comments(3, []).pull(3, head, base).createComment(3, 55).comments(3, [{ id: 55, body: `${MARKER}…` }]).updateCheckRun(7);
  return { base, head };
}

describe("published advisories against the record's known anomalies", () => {
  test("an advisory the record has not assessed fails, annotated on the lockfile line and the record, and QA sees it beside the approval", async () => {
    const batches = osvKnowsTorchLoadRce();
    const { base, head } = setUp(torchRecord());

    await probot.receive(delivery("d-a1", pullRequestEvent({ action: "opened", number: 3, head, base })));

    expect(batches).toEqual([{ queries: [{ package: { name: "torch", ecosystem: "PyPI" }, version: "2.5.1" }] }]);
    const [completed] = github.bodies("PATCH", "/check-runs/7");
    expect(completed).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(completed.output.title).toBe("1 problem to fix: 1 anomaly not assessed");
    const message = "torch 2.5.1 is affected by GHSA-53q9-r3pm-6pq6 (CVE-2025-32434), severity critical: PyTorch: `torch.load` with `weights_only=True` leads to remote code execution — https://osv.dev/vulnerability/GHSA-53q9-r3pm-6pq6. docs/soup/torch.md has not assessed it: add GHSA-53q9-r3pm-6pq6 (or any of CVE-2025-32434) to its known anomalies, saying whether it applies to the device, why, and the date of the review.";
    expect(completed.output.annotations).toEqual([
      { path: "requirements.txt", start_line: 1, end_line: 1, annotation_level: "failure", title: "Anomaly not assessed: torch (GHSA-53q9-r3pm-6pq6)", message },
      { path: TORCH, start_line: 15, end_line: 15, annotation_level: "failure", title: "Anomaly not assessed: torch (GHSA-53q9-r3pm-6pq6)", message },
    ]);
    const [comment] = github.bodies("POST", "/issues/3/comments");
    expect(comment.body).toContain("| Anomalies | Status |");
    expect(comment.body).toContain("| 1 new | anomaly not assessed |");
    expect(comment.body).toContain("Published advisories not assessed in the records yet:\n- `torch` 2.6.0 → 2.5.1: [GHSA-53q9-r3pm-6pq6](https://osv.dev/vulnerability/GHSA-53q9-r3pm-6pq6) (CVE-2025-32434; critical) — PyTorch: `torch.load` with `weights_only=True` leads to remote code execution");
    const [approval] = github.bodies("POST", "/check-runs").filter((b) => b.name === "SOUP approval");
    expect(approval.output.summary).toContain("Published advisories not assessed in the records yet:\n- `torch` 2.6.0 → 2.5.1: [GHSA-53q9-r3pm-6pq6]");
    expectEveryRequestValidAndMade();
  });

  test("the record that assessed the advisory under its CVE alias passes", async () => {
    osvKnowsTorchLoadRce();
    const { base, head } = setUp(torchRecord("| CVE-2025-32434 (PyTorch torch.load() RCE vulnerability) | Fixed | No | weights are loaded only from our own registry | 2026-06-01 |"));

    await probot.receive(delivery("d-a2", pullRequestEvent({ action: "opened", number: 3, head, base })));

    const [completed] = github.bodies("PATCH", "/check-runs/7");
    expect(completed).toMatchObject({ status: "completed", conclusion: "success" });
    const [comment] = github.bodies("POST", "/issues/3/comments");
    expect(comment.body).toContain("| 1 assessed | covered |");
    expect(comment.body).not.toContain("not assessed in the records yet");
    expectEveryRequestValidAndMade();
  });

  test("OSV answering an error warns by default: the check says what failed, never that there are no advisories", async () => {
    nock(OSV).post("/v1/querybatch").reply(503, "Service Unavailable");
    const { base, head } = setUp(torchRecord());
    await probot.receive(delivery("d-a3", pullRequestEvent({ action: "opened", number: 3, head, base })));
    const [warned] = github.bodies("PATCH", "/check-runs/7");
    expect(warned.conclusion).toBe("success");
    expect(warned.output.title).toBe("1 dependency change covered by reviewed records; 1 warning: 1 anomaly check unavailable");
    expect(warned.output.summary).toContain("The published anomalies of 1 changed package were not checked (torch 2.5.1): POST https://api.osv.dev/v1/querybatch answered 503");
    const [comment] = github.bodies("POST", "/issues/3/comments");
    expect(comment.body).toContain("| not checked | covered |");
    expectEveryRequestValidAndMade();
  });

  test("anomalies.unavailable: failure makes an unreachable source fail the check", async () => {
    nock(OSV).post("/v1/querybatch").replyWithError("getaddrinfo ENOTFOUND api.osv.dev");
    const { base, head } = setUp(torchRecord(), "anomalies:\n  unavailable: failure\n");
    await probot.receive(delivery("d-a4", pullRequestEvent({ action: "opened", number: 3, head, base })));
    const [failed] = github.bodies("PATCH", "/check-runs/7");
    expect(failed.conclusion).toBe("failure");
    expect(failed.output.title).toBe("1 problem to fix: 1 anomaly check unavailable");
    expectEveryRequestValidAndMade();
  });

  test("anomalies.source: off asks nothing", async () => {
    // No OSV interceptor: a request would fail the test through nock's closed network and the finding it raised.
    const { base, head } = setUp(torchRecord(), "anomalies:\n  source: off\n");
    await probot.receive(delivery("d-a5", pullRequestEvent({ action: "opened", number: 3, head, base })));
    const [completed] = github.bodies("PATCH", "/check-runs/7");
    expect(completed.conclusion).toBe("success");
    expect(completed.output.title).toBe("1 dependency change covered by reviewed records");
    const [comment] = github.bodies("POST", "/issues/3/comments");
    expect(comment.body).toContain("| — | covered |");
    expectEveryRequestValidAndMade();
  });
});
