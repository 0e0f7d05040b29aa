/** How many characters of output go into one piece: large enough to write quickly, small enough to hold. */
const PIECE = 64 * 1024;

/**
 * `lines.join(separator)`, in pieces of about 64 KB, for the command line to write as they come: a
 * million changes make a report bigger than the longest string JavaScript can hold (`Invalid string length`).
 */
export function* joinLines(lines: Iterable<string>, separator = "\n"): Generator<string> {
  let piece = "";
  let first = true;
  for (const line of lines) {
    piece += first ? line : `${separator}${line}`;
    first = false;
    if (piece.length >= PIECE) {
      yield piece;
      piece = "";
    }
  }
  if (piece !== "") yield piece;
}
