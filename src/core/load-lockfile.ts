import { decodeText } from "../lockfiles/shared/decode-text.js";
import { parseLockfile, type LockfileFormat } from "../lockfiles/index.js";
import type { Dependency, ParseError } from "../types.js";
import { MAX_LOCKFILE_BYTES, type Snapshot } from "./snapshot.js";
import { baseName, dirName, joinPath, normalizePath } from "../paths.js";

export interface LoadedLockfile {
  /** Dependencies per file that declares them: the lockfile itself and, for pip, the files it includes. */
  byFile: Map<string, Dependency[]>;
  errors: Array<{ path: string; error: ParseError }>;
  /** Included files that do not exist at this commit (the error is reported on the including file). */
  unreadable: string[];
}

const MAX_INCLUDE_DEPTH = 10;

/**
 * Reads and parses one lockfile at one commit, with its sibling manifest, following pip `-r` includes.
 * An absent lockfile loads as empty (added or deleted in the pull request); an unreadable one as an error.
 */
export async function loadLockfile(snapshot: Snapshot, path: string, format: LockfileFormat): Promise<LoadedLockfile> {
  const loaded: LoadedLockfile = { byFile: new Map(), errors: [], unreadable: [] };
  const manifestPath = format.manifest ? joinPath(dirName(path), format.manifest) : undefined;
  const manifestBytes = manifestPath ? await snapshot.read(manifestPath) : undefined;
  const manifest = manifestBytes ? decodeText(manifestBytes) : undefined;

  const visit = async (file: string, depth: number, includedFrom?: { path: string; text: string }): Promise<void> => {
    if (loaded.byFile.has(file)) return;
    const bytes = await snapshot.read(file);
    if (!bytes) {
      if (includedFrom) loaded.unreadable.push(file);
      if (includedFrom) loaded.errors.push({ path: includedFrom.path, error: { message: `it includes ${file}, which does not exist at this commit`, line: lineMentioning(includedFrom.text, baseName(file)) } });
      return;
    }
    if (bytes.length > MAX_LOCKFILE_BYTES) {
      loaded.errors.push({ path: file, error: { message: `the file is ${Math.round(bytes.length / 1048576)} MB, over the ${MAX_LOCKFILE_BYTES / 1048576} MB soup-gate reads`, line: 1 } });
      return;
    }
    const text = decodeText(bytes);
    const outcome = parseLockfile(format, text, manifest === undefined ? { path: file } : { path: file, manifest });
    if (!outcome.ok) {
      loaded.errors.push({ path: file, error: outcome.error });
      return;
    }
    loaded.byFile.set(file, outcome.dependencies);
    for (const include of outcome.includes ?? []) {
      if (depth >= MAX_INCLUDE_DEPTH) {
        loaded.errors.push({ path: file, error: { message: `includes nest deeper than ${MAX_INCLUDE_DEPTH} files`, line: lineMentioning(text, baseName(include)) } });
        continue;
      }
      await visit(normalizePath(include), depth + 1, { path: file, text });
    }
  };
  await visit(path, 0);
  return loaded;
}

function lineMentioning(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at === -1 ? 1 : text.slice(0, at).split("\n").length;
}
