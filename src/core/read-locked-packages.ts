import type { Config } from "../policy/config.js";
import type { Dependency, ParseError } from "../types.js";
import { loadLockfile } from "./load-lockfile.js";
import { selectFormat } from "./select-lockfiles.js";
import type { Snapshot } from "./snapshot.js";
import { compareText } from "../text/compare-text.js";

export interface LockedPackages {
  /** The lockfiles found at the commit (pip files included by another one are listed only if they are lockfiles themselves). */
  lockfiles: string[];
  /** Dependencies per declaring file: each lockfile and, for pip, the files it includes, each once. */
  byFile: Map<string, Dependency[]>;
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
  const errors = new Map<string, { path: string; error: ParseError }>();
  for (const { path, format } of lockfiles) {
    const loaded = await loadLockfile(snapshot, path, format);
    // A requirements file included by two others, or also a lockfile itself, counts once.
    for (const [file, deps] of loaded.byFile) if (!byFile.has(file)) byFile.set(file, deps);
    for (const e of loaded.errors) errors.set(`${e.path}\0${e.error.line}\0${e.error.message}`, e);
  }
  return { lockfiles: lockfiles.map((l) => l.path), byFile, errors: [...errors.values()] };
}
