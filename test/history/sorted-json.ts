import { createHash } from "node:crypto";

/**
 * The chain's hash computed the way an auditor would without soup-gate's code: JSON with sorted keys and
 * no whitespace, sha256 of the previous hash followed by that text.
 */
export function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function auditorHash(previousHash: string, seq: number, entry: unknown): string {
  return createHash("sha256").update(previousHash + sortedJson({ seq, entry }), "utf8").digest("hex");
}
