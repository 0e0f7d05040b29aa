import { clip } from "../../text/clip.js";

/**
 * A value from the lockfile as inline code in a message, cut short: a message names the value so the
 * developer recognises the line, and a hostile megabyte-long line must not become a megabyte-long message.
 */
export function quoted(value: string, max = 80): string {
  return `\`${clip(value, max)}\``;
}
