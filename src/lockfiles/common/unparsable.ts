import type { ParseError } from "../../types.js";
import { clip } from "../../text/clip.js";

export type Unparsable = { ok: false; error: ParseError };

/** The longest message a finding carries: values are quoted short already; this bounds what slips through. */
const MAX_MESSAGE = 1000;

/** The outcome of text a parser cannot read: what is wrong, and the 1-based line where reading stopped. */
export function unparsable(message: string, line: number): Unparsable {
  return { ok: false, error: { message: clip(message, MAX_MESSAGE), line } };
}
