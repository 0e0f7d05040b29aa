import fc from "fast-check";
import { decodeText } from "../../src/lockfiles/common/decode-text.js";
import { LOCKFILE_FORMATS, type ListedFormat } from "../../src/lockfiles/index.js";
import { CORPUS_FOLDERS, listLockfiles } from "../lockfiles/corpus.js";
import { FUZZ_OPTIONS } from "./runs.js";
import { companionsOf, expectPrototypesClean, FUZZ_TIMEOUT, lineCount, loadAt, type Loaded } from "./lockfiles-loaded.js";

/**
 * Real lockfiles of every format, damaged the way files get damaged (a flipped bit, a cut, a lost or
 * doubled line, a stray byte), read as an evaluation reads them. Whatever the damage, the answer is the
 * packages or `lockfile-unparsable` at a line of the text: never a throw, a hang or a polluted
 * prototype, and never a silently shorter list — a package declared away from the damage may vanish only
 * if something new appears (a package the gate has no record of, so it fails), else the file must be refused.
 */

/** What a mutation did: the new bytes, and the first and last line of the original it touched. */
interface Mutation {
  bytes: Uint8Array;
  from: number;
  to: number;
}

type Mutate = (bytes: Uint8Array, at: number, value: number) => Mutation;

const lineAt = (bytes: Uint8Array, offset: number): number => {
  let line = 1;
  for (let index = 0; index < offset && index < bytes.length; index++) if (bytes[index] === 0x0a) line++;
  return line;
};

/** Start offsets of each line's bytes, and the end of the last. */
function lineStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  bytes.forEach((byte, index) => byte === 0x0a && starts.push(index + 1));
  return starts;
}

const MUTATIONS: Record<string, Mutate> = {
  "a flipped bit": (bytes, at, value) => {
    const offset = at % bytes.length;
    const copy = new Uint8Array(bytes);
    copy[offset] = copy[offset]! ^ (1 << (value % 8));
    const line = lineAt(bytes, offset);
    return { bytes: copy, from: line, to: line };
  },
  "a cut": (bytes, at) => {
    const offset = at % bytes.length;
    // Everything after the cut is gone: only what was declared before it must stay.
    return { bytes: bytes.slice(0, offset), from: lineAt(bytes, offset), to: Number.POSITIVE_INFINITY };
  },
  "a lost line": (bytes, at) => {
    const starts = lineStarts(bytes);
    const line = (at % starts.length) + 1;
    const end = starts[line] ?? bytes.length;
    return { bytes: new Uint8Array([...bytes.subarray(0, starts[line - 1]), ...bytes.subarray(end)]), from: line, to: line };
  },
  "a doubled line": (bytes, at) => {
    const starts = lineStarts(bytes);
    const line = (at % starts.length) + 1;
    const start = starts[line - 1]!;
    const end = starts[line] ?? bytes.length;
    const copy = new Uint8Array([...bytes.subarray(0, end), ...(end === bytes.length ? [0x0a] : []), ...bytes.subarray(start, end), ...bytes.subarray(end)]);
    return { bytes: copy, from: line, to: line };
  },
  "a stray byte": (bytes, at, value) => {
    const offset = at % (bytes.length + 1);
    const line = lineAt(bytes, offset);
    return { bytes: new Uint8Array([...bytes.subarray(0, offset), value % 256, ...bytes.subarray(offset)]), from: line, to: line };
  },
};

/**
 * Packages of the original declared away from the damage. A line belongs to the block of the last package
 * declared at or above it; the damaged block's package may change or go, the others must stay. After a
 * cut, only the blocks before the cut's must.
 */
function untouched(original: Map<string, number>, mutation: Mutation): string[] {
  let block = 0;
  for (const line of original.values()) if (line <= mutation.from && line > block) block = line;
  const cut = mutation.to === Number.POSITIVE_INFINITY;
  return [...original].filter(([, line]) => (cut ? line < block : line !== block)).map(([pair]) => pair);
}

/**
 * In a requirements file, damage that pulls the next line into a comment (a line break turned into
 * another byte, or a backslash at the end of a line that holds a comment) removes that line's package for
 * pip too, exactly as commenting it out would.
 */
function commentedOut(format: ListedFormat, original: string, mutated: string, line: number): boolean {
  if (format.id !== "requirements.txt") return false;
  const declaration = original.split(/\r\n|\r|\n/)[line - 1]?.trim() ?? "";
  return pipLines(mutated).some((text) => {
    const at = text.indexOf(declaration);
    const hash = text.search(/(^|\s)#/);
    return declaration !== "" && at !== -1 && hash !== -1 && hash < at;
  });
}

/**
 * The lines pip reads a requirements file as: a line ending in a backslash goes on with the next one
 * (pip's `join_lines`), before comments are taken out, unless it starts with a comment.
 */
function pipLines(text: string): string[] {
  const lines: string[] = [];
  let pending: string | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const comment = /^\s*#/.test(line);
    if (line.endsWith("\\") && !comment) {
      pending = (pending ?? "") + line.replace(/^\\+|\\+$/g, "");
      continue;
    }
    lines.push(pending === undefined ? line : pending + (comment ? ` ${line}` : line));
    pending = undefined;
  }
  if (pending !== undefined) lines.push(pending);
  return lines;
}

function expectAnswer(format: ListedFormat, original: Loaded & { ok: true; text: string }, mutated: Loaded, mutation: Mutation): void {
  expectPrototypesClean();
  if (!mutated.ok) {
    expect(mutated.message).not.toBe("");
    expect(mutated.message.length).toBeLessThanOrEqual(1000);
    expect(mutated.line).toBeGreaterThanOrEqual(1);
    expect(mutated.line).toBeLessThanOrEqual(lineCount(decodeText(mutation.bytes)) + 1);
    return;
  }
  const text = decodeText(mutation.bytes);
  const lost = untouched(original.packages, mutation).filter(
    (pair) => !mutated.packages.has(pair) && !commentedOut(format, original.text, text, original.packages.get(pair)!),
  );
  const gained = [...mutated.packages.keys()].filter((pair) => !original.packages.has(pair));
  if (lost.length > 0 && gained.length === 0) {
    throw new Error(`lines ${mutation.from}–${mutation.to} changed and ${lost.join(", ")} vanished without an error or anything new`);
  }
}

const readable = (format: ListedFormat) => CORPUS_FOLDERS[format.id]!.flatMap((folder) => listLockfiles(folder, format));

describe.each(LOCKFILE_FORMATS.map((format) => [format.id, format] as const))("%s, real lockfiles damaged", (_id, format) => {
  const originals = new Map<string, { files: Record<string, Uint8Array>; loaded: Loaded & { ok: true; text: string } }>();
  const fixtures: string[] = [];

  beforeAll(async () => {
    for (const fixture of readable(format)) {
      const files = companionsOf(fixture);
      const loaded = await loadAt(format, files, fixture);
      // Files refused as they are (hand-edited, or refused by pip) have nothing to lose.
      if (loaded.ok && loaded.packages.size > 0) {
        originals.set(fixture, { files, loaded: { ...loaded, text: decodeText(files[fixture]!) } });
        fixtures.push(fixture);
      }
    }
    expect(fixtures.length).toBeGreaterThan(0);
  });

  test.each(Object.keys(MUTATIONS))("%s", async (kind) => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1_000 }), fc.nat(), fc.nat({ max: 255 }), async (pick, at, value) => {
        const fixture = fixtures[pick % fixtures.length]!;
        const { files, loaded } = originals.get(fixture)!;
        const mutation = MUTATIONS[kind]!(files[fixture]!, at, value);
        const mutated = await loadAt(format, { ...files, [fixture]: mutation.bytes }, fixture);
        expectAnswer(format, loaded, mutated, mutation);
      }),
      FUZZ_OPTIONS,
    );
  }, FUZZ_TIMEOUT);
});
