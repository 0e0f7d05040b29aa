import { createHash } from "node:crypto";

/** The id git gives a file's bytes: sha1 of `blob <length>\0` and the bytes. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}
