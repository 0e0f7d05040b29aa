/**
 * Blob contents by git blob sha, least recently used first out, bounded in bytes. A blob sha names its
 * content, so an entry never goes stale and can be shared by every installation: a snapshot asks for a sha
 * only when its own tree names it. Concurrent reads of one sha share a single download.
 */
export class BlobCache {
  private readonly entries = new Map<string, Uint8Array>();
  private readonly pending = new Map<string, Promise<Uint8Array>>();
  private bytes = 0;

  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  async load(sha: string, fetch: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const hit = this.entries.get(sha);
    if (hit) {
      // Re-insert to mark it most recently used (a Map iterates in insertion order).
      this.entries.delete(sha);
      this.entries.set(sha, hit);
      return hit;
    }
    const inFlight = this.pending.get(sha);
    if (inFlight) return inFlight;
    const loading = fetch().then((content) => {
      this.store(sha, content);
      return content;
    });
    this.pending.set(sha, loading);
    try {
      return await loading;
    } finally {
      this.pending.delete(sha);
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private store(sha: string, content: Uint8Array): void {
    if (content.byteLength > this.maxBytes || this.entries.has(sha)) return;
    this.entries.set(sha, content);
    this.bytes += content.byteLength;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.byteLength;
    }
  }
}
