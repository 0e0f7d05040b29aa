import { describe, expect, test } from "@jest/globals";
import { pino } from "pino";
import type { Probot } from "probot";
import { createHistoryWriter } from "../../src/app/record-history.js";
import { createHistoryStore } from "../../src/history/open-history-store.js";
import type { HistoryStore } from "../../src/history/store.js";
import type { FakeRepo } from "./fake-repo.js";
import { record, requirements } from "./fixtures.js";
import { appHistory, expectEveryRequestValidAndMade, type GitHubStandIn, loadApp, loadedDeps, testDatabase, useStandIn, waits } from "./github.js";
import { delivery, pullRequestEvent } from "./payloads.js";

let repo: FakeRepo;
let github: GitHubStandIn;
useStandIn((t) => ({ repo, github } = t));

const TIMM = "docs/soup/timm.md";

/**
 * An App whose history refuses to open `failures` times (a server down, a disk full), then opens; its log
 * kept. Only the history fails: the accepted work is stored as usual.
 */
async function appWithFailingStore(failures: number): Promise<{ probot: Probot; log: Array<Record<string, any>> }> {
  const log: Array<Record<string, any>> = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void log.push(JSON.parse(line)) });
  let left = failures;
  const store = async (): Promise<HistoryStore> => {
    if (left-- > 0) throw new Error("cannot open the history in /var/lib/soup-gate.sqlite: SQLITE_IOERR: disk I/O error");
    return createHistoryStore(await testDatabase());
  };
  const history = createHistoryWriter(store, async (ms) => void waits.push(ms));
  return { probot: await loadApp(undefined, { history }, logger), log };
}

/** Opened, with nothing a record could cover: one evaluation, success. */
async function openNothingChanged(probot: Probot) {
  const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22"]), "README.md": "# Device\n" });
  const head = repo.commit({ "README.md": "# Device firmware\n" }, base);
  github.token().createCheckRun(7, head);
  github.reads({ number: 4, base, head, changed: ["README.md"], headBlobs: [] });
  github.createApprovalRun(8, head).comments(4, []).updateCheckRun(7);
  await probot.receive(delivery("d-1", pullRequestEvent({ action: "opened", number: 4, head, base })));
  return head;
}

describe("a history store that cannot be written", () => {
  test("changes no check: the run completes as it would have, says its entry is not written yet, and the entry is written on a later try", async () => {
    const { probot, log } = await appWithFailingStore(2);
    const head = await openNothingChanged(probot);

    expect(github.checkRuns.latest("SOUP records", head)).toMatchObject({
      status: "completed",
      conclusion: "success",
      output: { title: "No dependency changes", text: "The history entry of this evaluation could not be written yet: soup-gate is trying again, and its log says more." },
    });
    expect(github.checkRuns.latest("SOUP approval", head)).toMatchObject({ conclusion: "success", output: { title: "Nothing to approve" } });
    expectEveryRequestValidAndMade();
    // What was not written is logged at once: the entry's kind, repository, pull request and head.
    expect(log).toContainEqual(
      expect.objectContaining({ level: 50, history: "evaluation", repository: "acme/device", pr: 4, head, msg: expect.stringMatching(/^history: the evaluation entry of acme\/device#4 at [0-9a-f]{7} could not be written, trying again in the background: .*disk I\/O error/) }),
    );

    await loadedDeps!.history.settled();
    // Two more tries a second, then two seconds, apart: the second one is written.
    expect(waits).toEqual([1000, 2000]);
    expect(log).toContainEqual(expect.objectContaining({ level: 40, history: "evaluation", seq: 1, msg: "history: the evaluation entry was written on try 3, as entry 1" }));
    const entries = await (await appHistory()).list();
    expect(entries.map((e) => [e.seq, e.entry.kind, e.entry.headSha, e.entry.delivery])).toEqual([[1, "evaluation", head, "d-1"]]);
    // The repository has no .github/soup.yml: the defaults applied, and no policy blob is named.
    expect(entries[0]!.entry).toMatchObject({ conclusion: "success", policyBlob: null, checkRunUrl: "https://github.com/acme/device/runs/7" });
  });

  test("a store that never comes back: the check is unchanged, the App keeps running, and the lost entry is logged in full", async () => {
    const { probot, log } = await appWithFailingStore(Number.POSITIVE_INFINITY);
    const head = await openNothingChanged(probot);
    expect(github.checkRuns.latest("SOUP records", head)).toMatchObject({ status: "completed", conclusion: "success" });
    expectEveryRequestValidAndMade();

    await loadedDeps!.history.settled();
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000]);
    const lost = log.filter((line) => /is LOST/.test(line.msg));
    expect(lost).toEqual([
      expect.objectContaining({ level: 50, history: "evaluation", repository: "acme/device", pr: 4, head, entry: expect.objectContaining({ kind: "evaluation", headSha: head, conclusion: "success" }) }),
    ]);
    expect(lost[0]!.msg).toMatch(/^history: the evaluation entry of acme\/device#4 at [0-9a-f]{7} is LOST after 9 tries: /);
    expect(await (await appHistory()).list()).toEqual([]);
  });
});
