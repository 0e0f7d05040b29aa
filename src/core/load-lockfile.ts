import { decodeText } from "../lockfiles/common/decode-text.js";
import { parseLockfile, type ListedFormat } from "../lockfiles/index.js";
import type { Dependency, LinePath, LocateLines, ParseError } from "../types.js";
import { MAX_LOCKFILE_BYTES, type Snapshot } from "./snapshot.js";
import { baseName, dirName, joinPath } from "../paths.js";
import { clip } from "../text/clip.js";

export interface LoadedLockfile {
  /** Dependencies per file that declares them: the lockfile itself and, for pip, the files it includes. */
  byFile: Map<string, Dependency[]>;
  /** How to find the lines of a file's dependencies, for the files whose parser finds them on demand. */
  locate: Map<string, LocateLines>;
  errors: Array<{ path: string; error: ParseError }>;
  /** Included files that do not exist at this commit (the error is reported on the including file). */
  unreadable: string[];
}

/** What makes a folder a Python project pip can install (pip's `is_installable_dir`). */
const PROJECT_FILES = new Set(["pyproject.toml", "setup.py"]);

/** How deep pip `-r` includes may nest: a real project needs two or three; a chain this long is a mistake. */
export const MAX_INCLUDE_DEPTH = 10;

/**
 * Reads and parses one lockfile at one commit, with its sibling manifest, following pip `-r` includes.
 * An absent lockfile loads as empty (added or deleted in the pull request); an unreadable one as an error.
 * An include that is missing, nests too deep or leads back to a file that includes it (pip would read it
 * forever) is an error at the including line; so is a path that pip would install only if it were a project
 * folder, when it is none.
 */
export async function loadLockfile(snapshot: Snapshot, path: string, format: ListedFormat): Promise<LoadedLockfile> {
  const loaded: LoadedLockfile = { byFile: new Map(), locate: new Map(), errors: [], unreadable: [] };
  const manifestPath = format.manifest ? joinPath(dirName(path), format.manifest) : undefined;
  const manifestBytes = manifestPath ? await snapshot.read(manifestPath) : undefined;
  const manifest = manifestBytes ? decodeText(manifestBytes) : undefined;
  const fail = (file: string, message: string, line: number): void => void loaded.errors.push({ path: file, error: { message: clip(message, 1000), line } });
  let projectFolders: Set<string> | undefined;
  const isProjectFolder = async (folder: string): Promise<boolean> => {
    projectFolders ??= new Set((await snapshot.files()).flatMap(({ path }) => (PROJECT_FILES.has(baseName(path)) ? [dirName(path)] : [])));
    return projectFolders.has(folder);
  };

  /** `chain`: the files that include this one, outermost first. */
  const visit = async (file: string, chain: readonly string[], includedAt?: LinePath): Promise<void> => {
    if (loaded.byFile.has(file)) return;
    const includer = chain[chain.length - 1];
    const bytes = await snapshot.read(file);
    if (!bytes) {
      if (includer === undefined || !includedAt) return;
      loaded.unreadable.push(file);
      return fail(includer, `it includes ${file}, which does not exist at this commit`, includedAt.line);
    }
    if (bytes.length > MAX_LOCKFILE_BYTES) {
      return fail(file, `the file is ${Math.round(bytes.length / 1048576)} MB, over the ${MAX_LOCKFILE_BYTES / 1048576} MB soup-gate reads`, 1);
    }
    const outcome = await parseLockfile(format, decodeText(bytes), manifest === undefined ? { path: file } : { path: file, manifest }, "on demand");
    if (!outcome.ok) return fail(file, outcome.error.message, outcome.error.line);
    for (const folder of outcome.folders ?? []) {
      if (!(await someAsync(folder.candidates, isProjectFolder))) return fail(file, folder.refusal, folder.line);
    }
    loaded.byFile.set(file, outcome.dependencies);
    if (outcome.locate) loaded.locate.set(file, outcome.locate);
    const inner = [...chain, file];
    for (const include of outcome.includes ?? []) {
      if (inner.includes(include.path)) {
        const loop = [...inner.slice(inner.indexOf(include.path)), include.path].join(" → ");
        fail(file, `it includes ${include.path}, which includes this file again (${loop}): pip would never finish reading it`, include.line);
      } else if (inner.length > MAX_INCLUDE_DEPTH) {
        fail(file, `includes nest deeper than ${MAX_INCLUDE_DEPTH} files`, include.line);
      } else {
        await visit(include.path, inner, include);
      }
    }
  };
  await visit(path, []);
  return loaded;
}

async function someAsync<T>(items: readonly T[], test: (item: T) => Promise<boolean>): Promise<boolean> {
  for (const item of items) if (await test(item)) return true;
  return false;
}
