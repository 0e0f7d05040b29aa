import type { Snapshot } from "../../src/core/snapshot.js";

/** One commit held in memory, path → text or bytes: what a loader reads, without git or GitHub. */
export function commitOf(files: Readonly<Record<string, string | Uint8Array>>): Snapshot {
  return {
    files: async () => Object.keys(files).map((path) => ({ path, sha: path })),
    read: async (path) => {
      if (!Object.hasOwn(files, path)) return undefined;
      const content = files[path]!;
      return typeof content === "string" ? new TextEncoder().encode(content) : content;
    },
  };
}
