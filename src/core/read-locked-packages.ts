import type { Config } from "../policy/config.js";
import type { Dependency, LocateLines, ParseError } from "../types.js";
import { loadLockfile } from "./load-lockfile.js";
import { selectFormat } from "./select-lockfiles.js";
import type { Snapshot } from "./snapshot.js";
import { compareText } from "../text/compare-text.js";

export interface LockedPackages {
  /** The lockfiles found at the commit (pip files included by another one are listed only if they are lockfiles themselves). */
  lockfiles: string[];
  /** Dependencies per declaring file: each lockfile and, for pip, the files it includes, each once. */
  byFile: Map<string, Dependency[]>;
  /** How to find the lines of a file's dependencies, where its parser finds them on demand (`LocateLines`). */
  locate: Map<string, LocateLines>;
  /** Files that could not be read; their packages are unknown, not absent. */
  errors: Array<{ path: string; error: ParseError }>;
}

/** Every package locked at one commit, in every lockfile the policy recognises. */
export async function readLockedPackages(snapshot: Snapshot, config: Config): Promise<LockedPackages> {
  const lockfiles = (await snapshot.files())
    .flatMap((entry) => {
      const format = selectFormat(entry.path, config);
      return format ? [{ path: entry.path, format }] : [];
    })
    .sort((a, b) => compareText(a.path, b.path));
  const byFile = new Map<string, Dependency[]>();
  const locate = new Map<string, LocateLines>();
  const errors = new Map<string, { path: string; error: ParseError }>();
  for (const { path, format } of lockfiles) {
    const loaded = await loadLockfile(snapshot, path, format);
    // A requirements file included by two others, or also a lockfile itself, counts once.
    for (const [file, deps] of loaded.byFile) {
      if (byFile.has(file)) continue;
      byFile.set(file, deps);
      const locator = loaded.locate.get(file);
      if (locator) locate.set(file, locator);
    }
    for (const e of loaded.errors) errors.set(`${e.path}\0${e.error.line}\0${e.error.message}`, e);
  }
  return { lockfiles: lockfiles.map((l) => l.path), byFile, locate, errors: [...errors.values()] };
}
