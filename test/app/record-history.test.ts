import { describe, expect, test } from "@jest/globals";
import { createHistoryWriter } from "../../src/app/record-history.js";
import type { ChainHead, HistoryEntry } from "../../src/history/entry.js";
import type { HistoryStore } from "../../src/history/store.js";
import { refusal } from "../history/entries.js";

/** A store whose appends answer as told, one answer per try. */
function storeAnswering(answers: Array<ChainHead | Error>): { store: () => Promise<HistoryStore>; appended: HistoryEntry[] } {
  const appended: HistoryEntry[] = [];
  const store = {
    async append(entry: HistoryEntry) {
      const answer = answers.shift();
      if (answer === undefined || answer instanceof Error) throw answer ?? new Error("no answer left");
      appended.push(entry);
      return answer;
    },
  } as unknown as HistoryStore;
  return { store: async () => store, appended };
}

function recordingLog() {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  return { lines, log: { warn: (fields: object, message: string) => void lines.push({ level: "warn", fields: fields as Record<string, unknown>, message }), error: (fields: object, message: string) => void lines.push({ level: "error", fields: fields as Record<string, unknown>, message }) } };
}

describe("the history writer", () => {
  test("an entry written at once answers with the chain head and logs nothing", async () => {
    const { store, appended } = storeAnswering([{ seq: 1, hash: "a".repeat(64) }]);
    const { lines, log } = recordingLog();
    const writer = createHistoryWriter(store, async () => {});
    expect(await writer.append(refusal(), log)).toEqual({ seq: 1, hash: "a".repeat(64) });
    expect(appended).toEqual([refusal()]);
    expect(lines).toEqual([]);
  });

  test("an entry the store refuses as malformed is a bug: logged in full once, never tried again", async () => {
    const { store, appended } = storeAnswering([new TypeError("an entry's repository must be owner/name, not \"device\""), { seq: 1, hash: "a".repeat(64) }]);
    const { lines, log } = recordingLog();
    const waits: number[] = [];
    const writer = createHistoryWriter(store, async (ms) => void waits.push(ms));
    const entry = refusal({ repository: "device" });
    expect(await writer.append(entry, log)).toBeUndefined();
    await writer.settled();
    expect(waits).toEqual([]);
    expect(appended).toEqual([]);
    expect(lines).toEqual([{ level: "error", fields: expect.objectContaining({ history: "refusal", entry }), message: expect.stringContaining("is LOST, the store refused it: an entry's repository must be owner/name") }]);
  });

  test("a failing store is tried again with a doubling wait, as often as configured", async () => {
    const { store, appended } = storeAnswering([new Error("connection refused"), new Error("connection refused"), new Error("connection refused"), { seq: 7, hash: "b".repeat(64) }]);
    const { lines, log } = recordingLog();
    const waits: number[] = [];
    const writer = createHistoryWriter(store, async (ms) => void waits.push(ms), { retries: 3, firstDelayMs: 500 });
    expect(await writer.append(refusal(), log)).toBeUndefined();
    await writer.settled();
    expect(waits).toEqual([500, 1000, 2000]);
    expect(appended).toHaveLength(1);
    expect(lines.map((l) => [l.level, l.message.replace(/: connection refused$/, "")])).toEqual([
      ["error", "history: the refusal entry of legit-health/device#42 at c0ffee1 could not be written, trying again in the background"],
      ["error", "history: the refusal entry of legit-health/device#42 at c0ffee1 could not be written (try 2), trying again"],
      ["error", "history: the refusal entry of legit-health/device#42 at c0ffee1 could not be written (try 3), trying again"],
      ["warn", "history: the refusal entry was written on try 4, as entry 7"],
    ]);
  });
});
