import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, test } from "@jest/globals";

// `soup-gate help` must start about as fast as node itself: the command-line entry imports (statically)
// nothing but what every command needs, and each command loads its own modules when it runs.

const SRC = resolve(import.meta.dirname, "../../src");

/** Every module a file loads before its first line runs: static value imports, followed through our own files. */
function staticImports(entry: string): { own: string[]; packages: string[] } {
  const own = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (own.has(file)) return;
    own.add(file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)";/gms)) {
      const spec = match[1]!;
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else if (!spec.startsWith("node:")) packages.add(spec);
    }
  };
  visit(entry);
  return { own: [...own].map((f) => relative(SRC, f)).sort(), packages: [...packages].sort() };
}

describe("the command line loads what a command needs, when it needs it", () => {
  test("the entry (all that `help` runs) imports no package and none of the commands", () => {
    expect(staticImports(join(SRC, "cli/main.ts"))).toEqual({ own: ["cli/main.ts", "cli/usage-error.ts", "core/dates.ts", "text/clip.ts", "text/quote-value.ts"], packages: [] });
  });

  test("each command is loaded only when it runs", () => {
    const main = readFileSync(join(SRC, "cli/main.ts"), "utf8");
    for (const command of ["check-command", "audit-command", "scaffold-command", "history-command"]) {
      expect(main).toContain(`await import("./${command}.js")`);
    }
  });

  test("check starts git before it loads the evaluation, and loads an advisory source only when the policy asks one", () => {
    const check = staticImports(join(SRC, "cli/check-command.ts"));
    expect(check.packages).toEqual([]);
    expect(check.own).not.toContain("core/check-changes.ts");
    expect(check.own).toContain("cli/git.ts");
    expect(staticImports(join(SRC, "cli/advisory-source.ts")).own.filter((f) => f.startsWith("anomalies/"))).toEqual([]);
  });
});
