import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadLockfile } from "../../src/core/load-lockfile.js";
import type { Snapshot } from "../../src/core/snapshot.js";
import type { ListedFormat } from "../../src/lockfiles/index.js";
import { CORPUS } from "../lockfiles/corpus.js";

/**
 * A lockfile as the caller reads it at a commit: its own packages (`name@version`, each at the line of its
 * first declaration; packages of pip files it includes are not counted), or where reading stopped.
 */
export type Loaded = { ok: true; packages: Map<string, number> } | { ok: false; line: number; message: string };

/** The fixture's own folder, as a commit: included pip files and the sibling package.json come along. */
export function companionsOf(fixture: string): Record<string, Uint8Array> {
  const folder = dirname(fixture);
  const files: Record<string, Uint8Array> = {};
  for (const entry of readdirSync(join(CORPUS, folder))) {
    const path = join(folder, entry);
    // A plain Uint8Array: a Buffer's `slice` shares its bytes, and a mutation must never reach the original.
    if (statSync(join(CORPUS, path)).isFile() && !entry.endsWith(".expected.json")) files[path] = new Uint8Array(readFileSync(join(CORPUS, path)));
  }
  return files;
}

/** A commit of raw bytes, damaged ones too (text would be re-encoded, and the damage with it). */
function bytesCommit(files: Readonly<Record<string, string | Uint8Array>>): Snapshot {
  return {
    files: async () => Object.keys(files).map((path) => ({ path, sha: path })),
    read: async (path) => {
      if (!Object.hasOwn(files, path)) return undefined;
      const content = files[path]!;
      return typeof content === "string" ? new TextEncoder().encode(content) : content;
    },
  };
}

/** Loads `path` from a commit of `files`, exactly as an evaluation does (includes, project folders, size limit). */
export async function loadAt(format: ListedFormat, files: Readonly<Record<string, string | Uint8Array>>, path: string): Promise<Loaded> {
  const loaded = await loadLockfile(bytesCommit(files), path, format);
  const error = loaded.errors[0]?.error;
  if (error) return { ok: false, line: error.line, message: error.message };
  const packages = new Map<string, number>();
  for (const { name, version, line } of loaded.byFile.get(path) ?? []) if (!packages.has(`${name}@${version}`)) packages.set(`${name}@${version}`, line);
  return { ok: true, packages };
}

const PROTOTYPES = [Object.prototype, Array.prototype, String.prototype, Function.prototype, Map.prototype];
const ORIGINAL = PROTOTYPES.map((prototype) => Object.getOwnPropertyNames(prototype).sort());

/** Whatever the input, no parser may have added a property to a built-in prototype (`__proto__` keys are data). */
export function expectPrototypesClean(): void {
  expect(PROTOTYPES.map((prototype) => Object.getOwnPropertyNames(prototype).sort())).toEqual(ORIGINAL);
  const probe: Record<string, unknown> = {};
  for (const key in probe) throw new Error(`a fresh object has the inherited key ${key}`);
}

/** Lines of a text, a lone `\r` ending one too (pip counts them so). */
export function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** Fuzz tests run long under `npm run fuzz`; in `npm test` they stay short. */
export const FUZZ_TIMEOUT = process.env.FUZZ_RUNS ? 600_000 : 60_000;
