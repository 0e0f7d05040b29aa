import type { Snapshot } from "../../src/core/snapshot.js";

/** One commit held in memory, path → text: what a loader reads, without git or GitHub. */
export function commitOf(files: Readonly<Record<string, string>>): Snapshot {
  return {
    files: async () => Object.keys(files).map((path) => ({ path, sha: path })),
    read: async (path) => (Object.hasOwn(files, path) ? new TextEncoder().encode(files[path]) : undefined),
  };
}
