import type { Dependency, LocateLines } from "../../types.js";

/**
 * `LocateLines` for a parser that left, in each dependency's `line`, its place in the parser's own order
 * (ascending down the text) and can tell the lines of places: `linesAt` gets places in ascending order. A
 * dependency is located once; `line` is 0 from the moment the locator is made until then, so a place is
 * never mistaken for a line. Should `linesAt` throw, the packages asked for are put at line 1.
 */
export function locateByPlace(dependencies: readonly Dependency[], linesAt: (places: readonly number[]) => number[]): LocateLines {
  const places = new Float64Array(dependencies.length);
  for (let index = 0; index < dependencies.length; index++) {
    const dependency = dependencies[index]!;
    places[index] = dependency.line;
    dependency.line = 0;
  }
  const located = new Uint8Array(dependencies.length);
  return (wanted) => {
    const picked: number[] = [];
    const count = Math.min(wanted.length, dependencies.length);
    for (let index = 0; index < count; index++) if (wanted[index] === 1 && located[index] === 0) picked.push(index);
    if (picked.length === 0) return;
    picked.sort((a, b) => places[a]! - places[b]!);
    // Lines only place annotations: a locator that fails (a case no test thought of) must not fail the
    // evaluation after the parse succeeded. Each package is then put at the top of its file.
    let lines: readonly number[];
    try {
      lines = linesAt(picked.map((index) => places[index]!));
    } catch {
      lines = picked.map(() => 1);
    }
    for (let k = 0; k < picked.length; k++) {
      dependencies[picked[k]!]!.line = lines[k]!;
      located[picked[k]!] = 1;
    }
  };
}
