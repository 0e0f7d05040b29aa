import type { ParseError } from "../../types.js";

export type Unparsable = { ok: false; error: ParseError };

/** The outcome of text a parser cannot read: what is wrong, and the 1-based line where reading stopped. */
export function unparsable(message: string, line: number): Unparsable {
  return { ok: false, error: { message, line } };
}
