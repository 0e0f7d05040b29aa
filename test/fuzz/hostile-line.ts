/**
 * One line of a megabyte, the size of the biggest record soup-gate reads and 1 % of the biggest lockfile.
 * A pattern that rescans a run from each of its positions takes hours on it, so a regression fails by
 * Jest's timeout rather than by a stopwatch.
 */
export const MB = 1024 * 1024;

/** `unit` repeated to `size` characters (rounded up to whole units). */
export function hostileRun(unit: string, size = MB): string {
  return unit.repeat(Math.ceil(size / unit.length));
}
