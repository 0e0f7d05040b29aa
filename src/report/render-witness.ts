import type { ChainHead } from "../history/entry.js";
import { formatWitness } from "../history/witness.js";
import type { CheckRunUpdate } from "./render-check-run.js";

/**
 * The completing update of a `SOUP records` run with the history's witness at the end of its text: the chain
 * head after the evaluation's entry. Without one (the store could not be written), the run says so instead.
 */
export function withWitness(update: CheckRunUpdate, head: ChainHead | undefined): CheckRunUpdate {
  const line = head
    ? `The history holds this evaluation; ${formatWitness(head)} (\`soup-gate history verify --witnesses\` checks the store against it).`
    : "The history entry of this evaluation could not be written yet: soup-gate is trying again, and its log says more.";
  const text = update.output.text ? `${update.output.text}\n\n${line}` : line;
  return { ...update, output: { ...update.output, text } };
}
