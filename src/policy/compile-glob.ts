/**
 * Globs of the policy (`ignore` names, `lockfiles.include` / `exclude` paths), matched in time linear in
 * the text for each part of the pattern. picomatch compiles a glob to a regular expression whose nested
 * lazy stars backtrack: `*a*a*a*a*a*a*a*a*b` against a name of a few thousand `a`s never finishes. This
 * matcher walks the text once per token, keeping the set of positions reached, so no input can make it
 * backtrack. It reads what the policy needs, as picomatch reads it with `dot: true`: `*` (within a
 * folder), `**` (across folders, as a whole folder name), `?`, `[a-z]` / `[!a-z]` classes, `{a,b}`
 * alternatives, and `\` escapes. Extended globs (`@(a|b)`, `!(a)`) are refused when the policy is read.
 */

type Token =
  | { kind: "char"; test: (c: string) => boolean }
  /** `*`: any run of characters but `/`; `segment`: it is a whole folder name, so at least one. */
  | { kind: "star"; segment: boolean }
  /** `**` as the whole pattern: anything at all. */
  | { kind: "anything" }
  /** A leading `**\/`: nothing, or anything that ends with `/`. */
  | { kind: "leading-globstar" }
  /** `/**\/` inside: `/`, or anything that starts and ends with `/`. */
  | { kind: "middle-globstar" }
  /** A trailing `/**`: nothing, or `/` and anything after it. */
  | { kind: "trailing-globstar" };

const MAX_ALTERNATIVES = 256;

/** Whether the glob uses extended-glob syntax (`@(…)`, `!(…)`, `+(…)`, `*(…)`, `?(…)`), which this matcher does not read. */
export function usesExtendedGlob(pattern: string): boolean {
  for (let i = 0; i + 1 < pattern.length; i++) {
    if (pattern[i] === "\\") i++;
    else if (pattern[i + 1] === "(" && "@!+*?".includes(pattern[i]!)) return true;
  }
  return false;
}

/** A matcher for one glob; compile once, match many names or paths. */
export function compileGlob(pattern: string): (text: string) => boolean {
  let source = pattern;
  while (source.startsWith("./")) source = source.slice(2);
  const alternatives = expandBraces(source).map(tokenize);
  return (text) => alternatives.some((tokens) => matches(tokens, text));
}

function matches(tokens: readonly Token[], text: string): boolean {
  const n = text.length;
  let reach = new Uint8Array(n + 1);
  reach[0] = 1;
  for (const token of tokens) {
    const next = new Uint8Array(n + 1);
    let any = false;
    switch (token.kind) {
      case "char":
        for (let i = 0; i < n; i++) if (reach[i] && token.test(text[i]!)) { next[i + 1] = 1; any = true; }
        break;
      case "star":
        for (let j = 0; j <= n; j++) {
          const extend = j > 0 && text[j - 1] !== "/" && (next[j - 1] === 1 || (token.segment && reach[j - 1] === 1));
          if ((reach[j] && !token.segment) || extend) { next[j] = 1; any = true; }
        }
        break;
      case "anything": {
        let seen = false;
        for (let j = 0; j <= n; j++) {
          if (seen) { next[j] = 1; any = true; }
          if (reach[j]) seen = true;
        }
        break;
      }
      case "leading-globstar":
      case "middle-globstar":
      case "trailing-globstar": {
        let seen = false;
        for (let j = 0; j <= n; j++) {
          const ends = j > 0 && text[j - 1] === "/";
          if ((token.kind === "leading-globstar" && (reach[j] || (seen && ends))) || (token.kind === "middle-globstar" && seen && ends) || (token.kind === "trailing-globstar" && (reach[j] || seen))) {
            next[j] = 1;
            any = true;
          }
          if (reach[j] && (token.kind === "leading-globstar" || text[j] === "/")) seen = true;
        }
        break;
      }
    }
    if (!any) return false;
    reach = next;
  }
  return reach[n] === 1;
}

/** `a/{b,c{d,e}}` → `a/b`, `a/cd`, `a/ce`; braces without a top-level comma, or unbalanced, stay as written. */
function expandBraces(pattern: string): string[] {
  let results = [""];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      results = results.map((r) => r + pattern.slice(i, i + 2));
      i += 2;
      continue;
    }
    const group = c === "{" ? readBraceGroup(pattern, i) : undefined;
    if (!group) {
      results = results.map((r) => r + c);
      i++;
      continue;
    }
    const options = group.options.flatMap(expandBraces);
    if (results.length * options.length > MAX_ALTERNATIVES) {
      results = results.map((r) => r + pattern.slice(i, group.end));
    } else {
      results = results.flatMap((r) => options.map((o) => r + o));
    }
    i = group.end;
  }
  return results;
}

function readBraceGroup(pattern: string, open: number): { options: string[]; end: number } | undefined {
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "," && depth === 1) commas.push(i);
    else if (c === "}" && --depth === 0) {
      if (commas.length === 0) return undefined;
      const bounds = [open, ...commas, i];
      return { options: bounds.slice(1).map((end, k) => pattern.slice(bounds[k]! + 1, end)), end: i + 1 };
    }
  }
  return undefined;
}

function tokenize(pattern: string): Token[] {
  if (/^\*{2,}$/.test(pattern)) return [{ kind: "anything" }];
  const tokens: Token[] = [];
  let i = 0;
  const literal = (c: string): Token => ({ kind: "char", test: (x) => x === c });
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      tokens.push(literal(pattern[i + 1]!));
      i += 2;
    } else if (c === "*") {
      let end = i;
      while (pattern[end] === "*") end++;
      const startsSegment = i === 0 || pattern[i - 1] === "/";
      const endsSegment = end === pattern.length || pattern[end] === "/";
      const last = tokens[tokens.length - 1];
      const afterGlobstar = last?.kind === "leading-globstar" || last?.kind === "middle-globstar";
      if (end - i >= 2 && startsSegment && endsSegment && afterGlobstar) {
        // `**/**/` says no more than `**/`: the `/` before it is already the first globstar's.
        end += end < pattern.length ? 1 : 0;
        if (end === pattern.length) tokens.push({ kind: "star", segment: false });
      } else if (end - i >= 2 && startsSegment && endsSegment && i > 1) {
        tokens.pop(); // the `/` before it belongs to the globstar
        if (end < pattern.length) {
          tokens.push({ kind: "middle-globstar" });
          end++; // and so does the `/` after it
        } else tokens.push({ kind: "trailing-globstar" });
      } else if (end - i >= 2 && i === 0 && endsSegment && end + 1 < pattern.length) {
        tokens.push({ kind: "leading-globstar" });
        end++; // the `/` after it belongs to the globstar
      } else if (end - i >= 2 && i === 0 && endsSegment && end < pattern.length) {
        tokens.push({ kind: "anything" }); // `**/` alone: any folder path, ending with its `/`
      } else tokens.push({ kind: "star", segment: startsSegment && endsSegment });
      i = end;
    } else if (c === "?") {
      tokens.push({ kind: "char", test: (x) => x !== "/" });
      i++;
    } else if (c === "[") {
      const cls = readClass(pattern, i);
      if (cls) {
        tokens.push({ kind: "char", test: cls.test });
        i = cls.end;
      } else {
        tokens.push(literal(c));
        i++;
      }
    } else {
      tokens.push(literal(c));
      i++;
    }
  }
  return tokens;
}

/** `[a-z]`, `[!abc]`, `[^abc]`; never `/`. Undefined when the class is not closed (then `[` is a plain character). */
function readClass(pattern: string, open: number): { test: (c: string) => boolean; end: number } | undefined {
  let i = open + 1;
  const negated = pattern[i] === "!" || pattern[i] === "^";
  if (negated) i++;
  const ranges: Array<[string, string]> = [];
  let first = true;
  while (i < pattern.length && (pattern[i] !== "]" || first)) {
    let from = pattern[i]!;
    if (from === "\\" && i + 1 < pattern.length) from = pattern[++i]!;
    let to = from;
    if (pattern[i + 1] === "-" && i + 2 < pattern.length && pattern[i + 2] !== "]") {
      to = pattern[i + 2]!;
      if (to === "\\" && i + 3 < pattern.length) to = pattern[++i + 2]!;
      i += 2;
    }
    ranges.push([from, to]);
    i++;
    first = false;
  }
  if (i >= pattern.length) return undefined;
  const inside = (c: string) => ranges.some(([from, to]) => c >= from && c <= to);
  return { test: (c) => c !== "/" && inside(c) !== negated, end: i + 1 };
}
