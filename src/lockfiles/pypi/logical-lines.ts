/** One line as pip sees it: continuations joined, comment split off. */
export interface LogicalLine {
  /** 1-based physical line where it starts. */
  line: number;
  /** The content without its comment, trimmed. */
  content: string;
  /** The comment text after `#`, when the line has one. */
  comment?: string;
}

const COMMENT_LINE = /^\s*#/;
const COMMENT = /(^|\s+)#(.*)$/;

/**
 * Splits a requirements file into logical lines exactly as pip's `join_lines` and `ignore_comments` do:
 * a trailing `\` joins the next line (pip strips every `\` at both ends of the joined part), a comment
 * line is never continued and ends a continuation, and `#` starts a comment only at the start of a line
 * or after whitespace. Blank lines are dropped.
 */
export function readLogicalLines(text: string): LogicalLine[] {
  const physical = text.split(/\r\n|\r|\n/);
  const joined: Array<{ line: number; text: string }> = [];
  let pending: string[] | undefined;
  let start = 0;
  physical.forEach((raw, index) => {
    const isComment = COMMENT_LINE.test(raw);
    if (!raw.endsWith("\\") || isComment) {
      const part = isComment ? ` ${raw}` : raw;
      if (pending) {
        joined.push({ line: start, text: pending.join("") + part });
        pending = undefined;
      } else {
        joined.push({ line: index + 1, text: part });
      }
      return;
    }
    if (!pending) {
      pending = [];
      start = index + 1;
    }
    pending.push(raw.replace(/^\\+|\\+$/g, ""));
  });
  if (pending) joined.push({ line: start, text: pending.join("") });

  const lines: LogicalLine[] = [];
  for (const { line, text: whole } of joined) {
    const comment = COMMENT.exec(whole);
    const content = (comment ? whole.slice(0, comment.index) : whole).trim();
    if (content === "" && !comment) continue;
    lines.push(comment ? { line, content, comment: comment[2]! } : { line, content });
  }
  return lines;
}
