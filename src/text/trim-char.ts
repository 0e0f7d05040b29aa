/**
 * Drops every `char` at the start and/or end of `text`. A loop, not `/x+$/`: an end-anchored run
 * pattern retries the whole run from every position of a hostile `a////…////b`, which is quadratic.
 */
export function trimChar(text: string, char: string, side: "start" | "end" | "both" = "both"): string {
  let start = 0;
  let end = text.length;
  if (side !== "end") while (start < end && text[start] === char) start++;
  if (side !== "start") while (end > start && text[end - 1] === char) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
