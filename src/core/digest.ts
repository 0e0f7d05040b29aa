import { createHash } from "node:crypto";
import { nameKey } from "../names.js";
import type { Change } from "../types.js";

/**
 * The approval digest: sha256 over the sorted in-scope changes and the blob ids of the
 * changed record files. A push that changes neither leaves it, and so an approval, intact.
 */
export function computeDigest(inScope: readonly Change[], changedRecords: ReadonlyArray<{ path: string; blob: string }>): string {
  const changes = inScope
    .map((c) => [c.lockfile, c.ecosystem, nameKey(c.ecosystem, c.name), c.kind, c.from ?? "", c.to ?? ""].join("\t"))
    .sort();
  const records = changedRecords.map((r) => `${r.path}\t${r.blob}`).sort();
  return createHash("sha256").update(JSON.stringify({ changes, records })).digest("hex");
}
