import { ContentCache } from "./content-cache.js";

/**
 * Blob contents by git blob sha, bounded in bytes (256 MB unless told). A blob sha names its content, so
 * an entry can be shared by every installation: a snapshot asks for a sha only when its own tree names it.
 */
export class BlobCache extends ContentCache<Uint8Array> {
  constructor(maxBytes = 256 * 1024 * 1024) {
    super(maxBytes, (content) => content.byteLength);
  }
}
