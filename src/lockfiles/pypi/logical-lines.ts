/** One line as pip sees it: continuations joined, comment split off. */
export interface LogicalLine {
  /** 1-based physical line where it starts. */
  line: number;
  /** The content without its comment, trimmed. */
  content: string;
  /** The comment text after `#`, when the line has one. */
  comment?: string;
}

/**
 * Splits a requirements file into logical lines exactly as pip's `join_lines` and `ignore_comments` do:
 * a trailing `\` joins the next line (pip strips every `\` at both ends of the joined part), a comment
 * line is never continued and ends a continuation, and `#` starts a comment only at the start of a line
 * or after whitespace. Blank lines are dropped.
 *
 * Written as character scans rather than pip's regular expressions (`(^|\s+)#.*$`): run by a
 * backtracking engine on a long line of spaces or backslashes, those take time quadratic in the line.
 */
export function readLogicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let pending: string[] | undefined;
  let start = 0;
  let number = 0;
  // The next `\n` and `\r` from `at`, each searched again only once passed: a file without `\r` is searched for one once.
  let newline = -1;
  let cr = -1;
  for (let at = 0; at <= text.length; ) {
    if (newline !== text.length && newline < at) newline = indexOrEnd(text, "\n", at);
    if (cr !== text.length && cr < at) cr = indexOrEnd(text, "\r", at);
    const end = Math.min(newline, cr);
    const raw = text.slice(at, end);
    number++;
    at = end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
    const isComment = startsComment(raw);
    if (raw.endsWith("\\") && !isComment) {
      if (!pending) {
        pending = [];
        start = number;
      }
      pending.push(stripBackslashes(raw));
      continue;
    }
    // pip puts a space before a comment line that ends a continuation, so that its `#` starts a comment.
    const part = isComment ? ` ${raw}` : raw;
    if (pending) {
      pending.push(part);
      addLine(lines, start, pending.join(""));
      pending = undefined;
    } else {
      addLine(lines, number, part);
    }
  }
  if (pending) addLine(lines, start, pending.join(""));
  return lines;
}

function addLine(lines: LogicalLine[], line: number, whole: string): void {
  const hash = commentStart(whole);
  const content = (hash === -1 ? whole : whole.slice(0, hash)).trim();
  if (hash === -1) {
    if (content !== "") lines.push({ line, content });
  } else {
    lines.push({ line, content, comment: whole.slice(hash + 1) });
  }
}

function indexOrEnd(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  return at === -1 ? text.length : at;
}

/** Where pip's comment starts: the first `#` at the start of the line or after whitespace; -1 if none. */
function commentStart(line: string): number {
  for (let at = line.indexOf("#"); at !== -1; at = line.indexOf("#", at + 1)) {
    if (at === 0 || isWhitespace(line.charCodeAt(at - 1))) return at;
  }
  return -1;
}

/** Only whitespace before a `#`: a comment line, which pip never continues. */
function startsComment(line: string): boolean {
  let at = 0;
  while (at < line.length && isWhitespace(line.charCodeAt(at))) at++;
  return line.charCodeAt(at) === 0x23;
}

/** pip's `line.strip("\\")`. */
function stripBackslashes(line: string): string {
  let from = 0;
  let to = line.length;
  while (from < to && line.charCodeAt(from) === 0x5c) from++;
  while (to > from && line.charCodeAt(to - 1) === 0x5c) to--;
  return line.slice(from, to);
}

/** What Python's and JavaScript's `\s` both count as whitespace, checked per character. */
function isWhitespace(code: number): boolean {
  if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return true;
  return code > 0x7f && /\s/.test(String.fromCharCode(code));
}
