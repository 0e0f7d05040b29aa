import type { ChainHead } from "./entry.js";
import { findWitnesses } from "./witness.js";

/**
 * The witnesses of a file for `history verify --witnesses`: JSON (one value, or an array) or NDJSON (one
 * value a line). A value is either a chain head `{ "seq": 12, "hash": "…" }` or a check run as GitHub's API
 * lists it, whose `output.text` holds the witness line soup-gate wrote (`{ "check_runs": [...] }`, the
 * answer of `GET /repos/{owner}/{repo}/commits/{ref}/check-runs`, is read too). A run without a witness
 * line (another check, a failed evaluation) is passed over; anything else is refused with the line that
 * holds it, never skipped.
 */
export function readWitnesses(text: string): ChainHead[] {
  const trimmed = text.trim();
  if (trimmed === "") throw new SyntaxError("the witness file is empty");
  let values: Array<{ value: unknown; where: string }>;
  try {
    const whole: unknown = JSON.parse(trimmed);
    values = (Array.isArray(whole) ? whole : [whole]).map((value, i) => ({ value, where: Array.isArray(whole) ? `item ${i + 1}` : "the file" }));
  } catch {
    values = [];
    for (const [i, line] of text.split("\n").entries()) {
      if (line.trim() === "") continue;
      try {
        values.push({ value: JSON.parse(line), where: `line ${i + 1}` });
      } catch {
        throw new SyntaxError(`line ${i + 1} of the witness file is not JSON`);
      }
    }
  }
  return values.flatMap(({ value, where }) => witnessesOf(value, where));
}

function witnessesOf(value: unknown, where: string): ChainHead[] {
  if (typeof value !== "object" || value === null) throw new SyntaxError(`${where} of the witness file is not an object`);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.check_runs)) return v.check_runs.flatMap((run, i) => witnessesOf(run, `${where}, check run ${i + 1}`));
  if ("seq" in v || "hash" in v) {
    if (!Number.isSafeInteger(v.seq) || (v.seq as number) < 1 || typeof v.hash !== "string" || !/^[0-9a-f]{64}$/.test(v.hash)) {
      throw new SyntaxError(`${where} of the witness file needs "seq" (an entry number) and "hash" (64 hex digits)`);
    }
    return [{ seq: v.seq as number, hash: v.hash }];
  }
  const output = v.output as { text?: unknown } | undefined;
  if (output && typeof output === "object") return typeof output.text === "string" ? findWitnesses(output.text) : [];
  throw new SyntaxError(`${where} of the witness file is neither {"seq", "hash"} nor a check run`);
}
