import { createHash } from "node:crypto";
import type { Snapshot, TreeEntry } from "../../src/core/snapshot.js";

/** A commit held in memory: path → text. `reads` counts each file read, to see what the core asks for. */
export class MemorySnapshot implements Snapshot {
  readonly reads = new Map<string, number>();

  constructor(private readonly texts: Record<string, string>) {}

  async files(): Promise<TreeEntry[]> {
    return Object.entries(this.texts).map(([path, text]) => ({ path, sha: createHash("sha1").update(`blob ${Buffer.byteLength(text)}\0${text}`).digest("hex") }));
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    this.reads.set(path, (this.reads.get(path) ?? 0) + 1);
    const text = this.texts[path];
    return text === undefined ? undefined : new TextEncoder().encode(text);
  }
}
