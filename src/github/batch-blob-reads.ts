import type { BlobRef } from "./read-blobs.js";

interface Waiting {
  blob: BlobRef;
  resolve: (bytes: Uint8Array) => void;
  reject: (error: unknown) => void;
}

/**
 * Turns many single blob reads into few batch reads: every blob asked for before the event loop next
 * turns (the reads an evaluation starts together, such as every record at once) goes to `readMany` in
 * one call. The evaluation still reads one path at a time; only the requests are pooled.
 */
export function batchBlobReads(readMany: (blobs: BlobRef[]) => Promise<Map<string, Uint8Array>>): (blob: BlobRef) => Promise<Uint8Array> {
  let waiting: Waiting[] | undefined;
  const flush = async (batch: Waiting[]) => {
    try {
      const found = await readMany(batch.map((w) => w.blob));
      for (const w of batch) {
        const bytes = found.get(w.blob.sha);
        if (bytes) w.resolve(bytes);
        else w.reject(new Error(`GitHub did not return the blob ${w.blob.sha}`));
      }
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  };
  return (blob) =>
    new Promise<Uint8Array>((resolve, reject) => {
      if (!waiting) {
        const batch: Waiting[] = (waiting = []);
        // setImmediate runs after every pending promise continuation: all reads started together are in.
        setImmediate(() => {
          waiting = undefined;
          void flush(batch);
        });
      }
      waiting.push({ blob, resolve, reject });
    });
}
