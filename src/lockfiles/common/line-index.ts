/**
 * Maps character offsets of a text to 1-based line numbers. Built once per text in one pass, then each
 * lookup is a binary search, so parsers can name the line of every package in a 100 MB lockfile cheaply.
 */
export function createLineIndex(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}
