import { chainHash, GENESIS_HASH } from "../../src/history/chain-hash.js";
import type { ChainedEntry, HistoryEntry } from "../../src/history/entry.js";
import { UnreadableEntryError } from "../../src/history/unreadable-entry-error.js";
import { describeVerdict, verifyChain } from "../../src/history/verify-chain.js";
import { approval, evaluation, invalidation, refusal, revocation } from "./entries.js";

/** A correctly chained history of `entries`, numbered from 1. */
function chain(entries: HistoryEntry[]): ChainedEntry[] {
  let previous = GENESIS_HASH;
  return entries.map((entry, i) => {
    const hash = chainHash(previous, i + 1, entry);
    previous = hash;
    return { seq: i + 1, hash, entry };
  });
}

async function* rows(list: Array<ChainedEntry | UnreadableEntryError>): AsyncIterable<ChainedEntry> {
  for (const row of list) {
    if (row instanceof UnreadableEntryError) throw row;
    yield row;
  }
}

const five = () => chain([evaluation(), refusal(), approval(), invalidation(), revocation()]);

describe("verifyChain", () => {
  it("finds an empty history intact", async () => {
    const verdict = await verifyChain(rows([]));
    expect(verdict).toEqual({ intact: true, count: 0, head: undefined });
    expect(describeVerdict(verdict, "h.sqlite")).toBe("History in h.sqlite intact: no entries yet.");
  });

  it("finds an unbroken chain intact and names its head", async () => {
    const history = five();
    const verdict = await verifyChain(rows(history));
    expect(verdict).toEqual({ intact: true, count: 5, head: { seq: 5, hash: history[4]!.hash } });
    expect(describeVerdict(verdict, "h.sqlite")).toBe(`History in h.sqlite intact: 5 entries, numbered 1 to 5 without a gap; head 5 ${history[4]!.hash}.`);
  });

  it.each<[string, (history: ChainedEntry[]) => Array<ChainedEntry | UnreadableEntryError>, object]>([
    [
      "an entry changed",
      (h) => h.map((row) => (row.seq === 3 ? { ...row, entry: approval({ actor: "someone-else" }) } : row)),
      { seq: 3, problem: "hash-mismatch", intactUpTo: 2 },
    ],
    ["an entry removed", (h) => h.filter((row) => row.seq !== 2), { seq: 2, problem: "missing", message: "entry 2 is missing: the numbering jumps from 1 to 3, so it was removed" }],
    ["the first entry removed", (h) => h.slice(1), { seq: 1, problem: "missing", intactUpTo: 0 }],
    ["several entries removed", (h) => [h[0]!, h[4]!], { seq: 2, problem: "missing", message: "entries 2 to 4 are missing: the numbering jumps from 1 to 5, so they were removed" }],
    ["a number taken twice", (h) => [h[0]!, h[1]!, { ...h[2]!, seq: 2 }, ...h.slice(2)], { seq: 2, problem: "duplicate", intactUpTo: 2 }],
    [
      "an entry slipped in before entry 3, with a correct hash, the rest renumbered",
      (h) => {
        const forged = approval({ actor: "forger" });
        return [h[0]!, h[1]!, { seq: 3, hash: chainHash(h[1]!.hash, 3, forged), entry: forged }, ...h.slice(2).map((row) => ({ ...row, seq: row.seq + 1 }))];
      },
      { seq: 3, problem: "inserted", message: "entry 3 was inserted: entry 4 still carries the hash it had as entry 3" },
    ],
    [
      "an entry slipped in before the first",
      (h) => {
        const forged = approval({ actor: "forger" });
        return [{ seq: 1, hash: chainHash(GENESIS_HASH, 1, forged), entry: forged }, ...h.map((row) => ({ ...row, seq: row.seq + 1 }))];
      },
      { seq: 1, problem: "inserted" },
    ],
    ["two entries swapped", (h) => [h[0]!, { ...h[2]!, seq: 2 }, { ...h[1]!, seq: 3 }, h[3]!, h[4]!], { seq: 2, problem: "hash-mismatch" }],
    [
      "an entry changed and its hash recomputed: the next entry no longer follows",
      (h) => {
        const changed = approval({ actor: "someone-else" });
        return h.map((row) => (row.seq === 3 ? { seq: 3, hash: chainHash(h[1]!.hash, 3, changed), entry: changed } : row));
      },
      { seq: 4, problem: "hash-mismatch", intactUpTo: 3 },
    ],
    ["a row that is not JSON", (h) => [h[0]!, h[1]!, new UnreadableEntryError(3, "its data is not valid JSON")], { seq: 3, problem: "unreadable", message: "entry 3 cannot be read: its data is not valid JSON" }],
    ["a row that is not JSON after a gap", (h) => [h[0]!, new UnreadableEntryError(3, "its data is not valid JSON")], { seq: 2, problem: "missing" }],
    ["a row numbered 0", (h) => [{ ...h[0]!, seq: 0 }], { seq: 1, problem: "out-of-order" }],
  ])("finds %s", async (_what, tamper, expected) => {
    const verdict = await verifyChain(rows(tamper(five())));
    expect(verdict).toMatchObject({ intact: false, ...expected });
  });

  it("describes a break in one line, with what is still intact", async () => {
    const verdict = await verifyChain(rows(five().filter((row) => row.seq !== 4)));
    expect(describeVerdict(verdict, "h.sqlite")).toBe("History in h.sqlite broken at entry 4: entry 4 is missing: the numbering jumps from 3 to 5, so it was removed. Entries 1 to 3 are intact.");
  });

  it("lets a failure to read the rows through: that is no verdict", async () => {
    async function* failing(): AsyncIterable<ChainedEntry> {
      yield five()[0]!;
      throw new Error("connection terminated");
    }
    await expect(verifyChain(failing())).rejects.toThrow("connection terminated");
  });
});
