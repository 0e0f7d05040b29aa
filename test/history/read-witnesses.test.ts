import { readWitnesses } from "../../src/history/read-witnesses.js";

const HASH = "a".repeat(64);
const run = (seq: number) => ({ id: seq, name: "SOUP records", output: { title: "t", summary: "s", text: `Only the first 50 annotations…\n\nThe history holds this evaluation; soup-gate history: entry ${seq} sha256 ${HASH} (…).` } });

describe("readWitnesses", () => {
  it("reads check runs as GitHub lists them, alone, in an array, a page, NDJSON or pages one after another", () => {
    const heads = [{ seq: 1, hash: HASH }, { seq: 2, hash: HASH }];
    expect(readWitnesses(JSON.stringify(run(1)))).toEqual(heads.slice(0, 1));
    expect(readWitnesses(JSON.stringify([run(1), run(2)]))).toEqual(heads);
    expect(readWitnesses(JSON.stringify({ total_count: 2, check_runs: [run(1), run(2)] }))).toEqual(heads);
    expect(readWitnesses(`${JSON.stringify(run(1))}\n\n${JSON.stringify(run(2))}\n`)).toEqual(heads);
    expect(readWitnesses(`${JSON.stringify({ check_runs: [run(1)] }, null, 2)}${JSON.stringify({ check_runs: [run(2)] }, null, 2)}`)).toEqual(heads);
    expect(readWitnesses(heads.map((h) => JSON.stringify(h)).join("\n"))).toEqual(heads);
  });

  it("passes over runs without a witness (another check, a failed evaluation), and refuses anything else, naming where", () => {
    expect(readWitnesses(JSON.stringify([{ output: { text: null } }, run(3)]))).toEqual([{ seq: 3, hash: HASH }]);
    expect(() => readWitnesses("")).toThrow("the witness file is empty");
    expect(() => readWitnesses(`${JSON.stringify(run(1))}\nnot json\n`)).toThrow("line 2 of the witness file is not JSON");
    expect(() => readWitnesses(JSON.stringify([{ seq: 0, hash: HASH }]))).toThrow('item 1 of the witness file needs "seq" (an entry number) and "hash" (64 hex digits)');
    expect(() => readWitnesses(JSON.stringify([42]))).toThrow("item 1 of the witness file is not an object");
    expect(() => readWitnesses(JSON.stringify({ name: "x" }))).toThrow('the value of the witness file is neither {"seq", "hash"} nor a check run');
  });
});
