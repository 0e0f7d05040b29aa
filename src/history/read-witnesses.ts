import type { ChainHead } from "./entry.js";
import { findWitnesses } from "./witness.js";

/**
 * The witnesses of a file for `history verify --witnesses`: JSON (one value, or an array), NDJSON (one
 * value a line) or JSON values one after another. A value is either a chain head `{ "seq": 12, "hash": "…" }` or a check run as GitHub's API
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
    values = (Array.isArray(whole) ? whole : [whole]).map((value, i) => ({ value, where: Array.isArray(whole) ? `item ${i + 1}` : "the value" }));
  } catch {
    values = jsonSequence(text);
  }
  return values.flatMap(({ value, where }) => witnessesOf(value, where));
}

/**
 * JSON values one after another: NDJSON, or pages of pretty-printed JSON as `gh api --paginate` writes them.
 * Each is named by the line it starts on.
 */
function jsonSequence(text: string): Array<{ value: unknown; where: string }> {
  const values: Array<{ value: unknown; where: string }> = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\n") line++;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c !== "{" && c !== "[") throw new SyntaxError(`line ${line} of the witness file is not JSON`);
    const start = i;
    const startLine = line;
    let depth = 0;
    let inString = false;
    for (; i < text.length; i++) {
      const d = text[i]!;
      if (d === "\n") line++;
      if (inString) {
        if (d === "\\") i++;
        else if (d === '"') inString = false;
      } else if (d === '"') inString = true;
      else if (d === "{" || d === "[") depth++;
      else if ((d === "}" || d === "]") && --depth === 0) break;
    }
    i++;
    try {
      values.push({ value: JSON.parse(text.slice(start, i)), where: `line ${startLine}` });
    } catch {
      throw new SyntaxError(`line ${startLine} of the witness file is not JSON`);
    }
  }
  return values;
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
