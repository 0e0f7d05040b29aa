import fc from "fast-check";
import { compareChanges, diffDependencies } from "../../src/core/diff-dependencies.js";
import type { Dependency } from "../../src/types.js";
import { FUZZ_OPTIONS } from "../fuzz/runs.js";

const dep = (name: string, version: string, overrides: Partial<Dependency> = {}): Dependency => ({
  ecosystem: "npm", name, version, direct: true, dev: false, line: 1, ...overrides,
});

describe("diffDependencies", () => {
  it.each([
    ["an upgrade", [dep("a", "1.0.0")], [dep("a", "1.1.0")], [["a", "upgraded", "1.0.0", "1.1.0"]]],
    ["a downgrade", [dep("a", "2.0.0")], [dep("a", "1.9.9")], [["a", "downgraded", "2.0.0", "1.9.9"]]],
    ["an addition", [], [dep("b", "1.0.0")], [["b", "added", null, "1.0.0"]]],
    ["a removal", [dep("b", "1.0.0")], [], [["b", "removed", "1.0.0", null]]],
    ["no change", [dep("a", "1.0.0")], [dep("a", "1.0.0")], []],
    ["a prerelease to its release", [dep("a", "1.0.0-rc.1")], [dep("a", "1.0.0")], [["a", "upgraded", "1.0.0-rc.1", "1.0.0"]]],
    ["a git commit change", [dep("g", "abc123")], [dep("g", "def456")], [["g", "changed", "abc123", "def456"]]],
  ] as const)("reports %s", (_, base, head, expected) => {
    expect(diffDependencies("package-lock.json", base, head).map((c) => [c.name, c.kind, c.from, c.to])).toEqual(expected);
  });

  it("compares several versions of one name as sets: only the versions that differ change", () => {
    const base = [dep("ms", "2.0.0"), dep("ms", "2.1.2")];
    const head = [dep("ms", "2.0.0"), dep("ms", "2.1.3")];
    expect(diffDependencies("package-lock.json", base, head).map((c) => [c.kind, c.from, c.to])).toEqual([["upgraded", "2.1.2", "2.1.3"]]);
  });

  it("pairs removed and added versions in order, leaving the extra one as an addition", () => {
    const base = [dep("ms", "1.0.0")];
    const head = [dep("ms", "2.0.0"), dep("ms", "3.0.0")];
    expect(diffDependencies("l", base, head).map((c) => [c.kind, c.from, c.to])).toEqual([
      ["upgraded", "1.0.0", "2.0.0"],
      ["added", null, "3.0.0"],
    ]);
  });

  it("compares PyPI versions with PEP 440 and names after PEP 503 normalisation", () => {
    const py = (name: string, version: string) => dep(name, version, { ecosystem: "pypi" });
    const changes = diffDependencies("requirements.txt", [py("Zope.Interface", "5.0"), py("torch", "2.0.0rc1")], [py("zope-interface", "5.0"), py("torch", "2.0.0")]);
    expect(changes.map((c) => [c.name, c.kind, c.from, c.to])).toEqual([["torch", "upgraded", "2.0.0rc1", "2.0.0"]]);
  });

  it("keeps npm names exact: a different case is a different package", () => {
    const changes = diffDependencies("l", [dep("React", "1.0.0")], [dep("react", "1.0.0")]);
    // Names sort by code unit, the same on every machine: upper case first.
    expect(changes.map((c) => [c.name, c.kind])).toEqual([["React", "removed"], ["react", "added"]]);
  });

  it("carries the head line, flags and licence of the new version, and the base line of a removal", () => {
    const [upgrade] = diffDependencies("l", [dep("a", "1.0.0", { line: 3 })], [dep("a", "1.1.0", { line: 7, dev: true, direct: false, license: "MIT" })]);
    expect(upgrade).toEqual({ ecosystem: "npm", name: "a", kind: "upgraded", from: "1.0.0", to: "1.1.0", lockfile: "l", line: 7, direct: false, dev: true, license: "MIT" });
    const [removal] = diffDependencies("l", [dep("a", "1.0.0", { line: 3 })], []);
    expect(removal?.line).toBe(3);
  });

  it("carries where a package comes from: a git dependency's change says git", () => {
    const [change] = diffDependencies("l", [dep("g", "abc123", { source: "git" })], [dep("g", "def456", { source: "git" })]);
    expect(change).toMatchObject({ kind: "changed", source: "git" });
    expect(diffDependencies("l", [dep("a", "1.0.0")], [dep("a", "1.1.0")])[0]).not.toHaveProperty("source");
  });

  it("orders changes by lockfile first, then name, then version", () => {
    const [inB, inA1, inA2] = [
      ...diffDependencies("b/package-lock.json", [], [dep("a", "1.0.0")]),
      ...diffDependencies("a/package-lock.json", [], [dep("z", "2.0.0"), dep("z", "1.0.0")]),
    ];
    expect([inB!, inA1!, inA2!].sort(compareChanges).map((c) => `${c.lockfile} ${c.name}@${c.to}`)).toEqual(["a/package-lock.json z@1.0.0", "a/package-lock.json z@2.0.0", "b/package-lock.json a@1.0.0"]);
  });

  it("treats a package declared twice as direct if either declaration is, and dev only if both are", () => {
    const head = [dep("a", "1.0.0", { direct: false, dev: true }), dep("a", "1.0.0", { direct: true, dev: false })];
    expect(diffDependencies("l", [], head)).toMatchObject([{ name: "a", direct: true, dev: false }]);
  });

  it("reports an unpinned requirement replacing a pin as changed to an empty version", () => {
    const py = (version: string) => dep("requests", version, { ecosystem: "pypi" });
    expect(diffDependencies("r.txt", [py("2.31.0")], [py("")]).map((c) => [c.kind, c.from, c.to])).toEqual([["changed", "2.31.0", ""]]);
  });

  it("reports a package that becomes a direct runtime dependency at the same version as changed", () => {
    const transitive = dep("ms", "2.1.3", { direct: false });
    const devOnly = dep("ms", "2.1.3", { dev: true });
    const shipped = dep("ms", "2.1.3", { line: 9 });
    expect(diffDependencies("l", [transitive], [shipped])).toEqual([{ ecosystem: "npm", name: "ms", kind: "changed", from: "2.1.3", to: "2.1.3", lockfile: "l", line: 9, direct: true, dev: false }]);
    expect(diffDependencies("l", [devOnly], [shipped]).map((c) => c.kind)).toEqual(["changed"]);
    // Shipping less is not a new SOUP item; a transitive package turning dev-only neither.
    expect(diffDependencies("l", [shipped], [transitive])).toEqual([]);
    expect(diffDependencies("l", [transitive], [dep("ms", "2.1.3", { direct: false, dev: true })])).toEqual([]);
  });

  it("counts an entry left as it was when another entry of its name changes", () => {
    // Declared twice at both ends: once as a dev dependency, unchanged, and once transitively, which turns
    // runtime. Together the version was direct and dev only at base, and is a direct runtime one at head.
    const twin = dep("a", "1.0.0", { direct: true, dev: true, line: 2 });
    const base = [twin, dep("a", "1.0.0", { direct: false, dev: true, line: 5 })];
    const head = [twin, dep("a", "1.0.0", { direct: false, dev: false, line: 5 })];
    expect(diffDependencies("l", base, head)).toEqual([{ ecosystem: "npm", name: "a", kind: "changed", from: "1.0.0", to: "1.0.0", lockfile: "l", line: 2, direct: true, dev: false }]);
    // A second version of a name bumped beside an unchanged one is paired as before.
    expect(diffDependencies("l", [dep("ms", "2.0.0"), dep("ms", "2.1.2")], [dep("ms", "2.0.0"), dep("ms", "2.1.3")]).map((c) => [c.kind, c.from, c.to])).toEqual([["upgraded", "2.1.2", "2.1.3"]]);
  });

  it("finds the same changes whatever the order the lockfile lists its packages in", () => {
    // Entries are first matched with the one at the same place in the other list; listed in another
    // order, none is, and every name is compared in full. Both must agree.
    const entry = fc.record({
      name: fc.constantFrom("a", "b", "c", "d", "@s/e"),
      version: fc.constantFrom("1.0.0", "1.1.0", "2.0.0", "2.0.0-rc.1", "abc123"),
      direct: fc.boolean(),
      dev: fc.boolean(),
      line: fc.integer({ min: 1, max: 50 }),
    });
    // One entry per name and version on each side: a name declared twice takes its line from the first declaration, which the order decides.
    const list = fc.uniqueArray(entry, { selector: (e) => `${e.name}@${e.version}`, maxLength: 12 });
    fc.assert(
      fc.property(list, fc.array(fc.nat(), { maxLength: 12 }), fc.array(entry, { maxLength: 4 }), (base, edits, extra) => {
        const before: Dependency[] = base.map((e) => ({ ecosystem: "npm", ...e }));
        // Head: base with some entries edited in place and some added, so that most stay twins.
        const after = before.map((d, i) => {
          const edit = edits[i];
          if (edit === undefined || edit % 3 !== 0) return d;
          return edit % 2 === 0 ? { ...d, version: "9.9.9" } : { ...d, direct: !d.direct };
        });
        for (const e of extra) if (!after.some((d) => d.name === e.name && d.version === e.version)) after.push({ ecosystem: "npm", ...e });
        const unique = after.filter((d, i) => after.findIndex((o) => o.name === d.name && o.version === d.version) === i);
        expect(diffDependencies("l", before, unique)).toEqual(diffDependencies("l", [...before].reverse(), [...unique].reverse()));
      }),
      FUZZ_OPTIONS,
    );
  });

  describe("lines found on demand", () => {
    /** A list as a parser that finds lines on demand gives it: every line 0, and a locator that records what it is asked. */
    const onDemand = (deps: Dependency[], lines: number[]) => {
      const asked: number[][] = [];
      const list = deps.map((d) => ({ ...d, line: 0 }));
      const locate = (wanted: Uint8Array) => {
        const places = [...wanted.keys()].filter((i) => wanted[i] === 1);
        asked.push(places);
        for (const i of places) list[i]!.line = lines[i]!;
      };
      return { list, locate, asked };
    };

    it("finds the head's lines of the packages that changed, and never walks the base when nothing is removed", () => {
      const base = onDemand([dep("a", "1.0.0"), dep("b", "1.0.0"), dep("c", "1.0.0")], [10, 20, 30]);
      const head = onDemand([dep("a", "1.0.0"), dep("b", "2.0.0"), dep("c", "1.0.0"), dep("d", "1.0.0")], [11, 21, 31, 41]);
      const changes = diffDependencies("l", base.list, head.list, { base: base.locate, head: head.locate });
      expect(changes.map((c) => [c.name, c.kind, c.line])).toEqual([["b", "upgraded", 21], ["d", "added", 41]]);
      expect(base.asked).toEqual([]);
      expect(head.asked).toEqual([[1, 3]]);
    });

    it("finds a removed package's line in the base, at its first entry when it is listed twice", () => {
      // Two git commits of one version are two entries of one name@version: one package to the diff.
      const base = onDemand([dep("a", "1.0.0"), dep("g", "1.0.0", { source: "git" }), dep("g", "1.0.0", { source: "git", direct: false })], [10, 20, 30]);
      const head = onDemand([dep("a", "1.0.0")], [11]);
      const changes = diffDependencies("l", base.list, head.list, { base: base.locate, head: head.locate });
      expect(changes.map((c) => [c.name, c.kind, c.line])).toEqual([["g", "removed", 20]]);
      expect(base.asked).toEqual([[1]]);
      expect(head.asked).toEqual([]);
    });
  });
});
