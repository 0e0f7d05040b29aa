import { clip } from "./clip.js";
import { MAX_QUOTED } from "./quote-value.js";

/** How many items of a list a message names before it counts the rest. */
export const MAX_NAMED = 10;

/**
 * `1.0.22, 1.0.24 and 98 more`: the first items of a list someone wrote, each cut short, then a count —
 * a record listing a hundred thousand versions must not put all of them into every message about it.
 */
export function nameSome(items: readonly string[], separator = ", "): string {
  const named = items.slice(0, MAX_NAMED).map((item) => clip(item, MAX_QUOTED)).join(separator);
  return items.length > MAX_NAMED ? `${named} and ${items.length - MAX_NAMED} more` : named;
}
