import type { Dependency } from "../../types.js";
import { scanJsonKeys } from "./json-key-offsets.js";
import { mergeOccurrences, type Occurrence } from "../shared/merge-occurrences.js";
import type { PackageManifest } from "./package-manifest.js";
import { asObject } from "../shared/parse-json.js";
import { sourceOfResolved } from "./resolved-source.js";

/** Line of one key of the `dependencies` tree, and of the keys of its own `dependencies`. */
interface TreeKey {
  line: number;
  children?: Map<string, TreeKey>;
}

/**
 * lockfileVersion 1: a nested `dependencies` tree mirroring node_modules. It records `dev` but not which
 * packages the project lists itself; that comes from package.json, and without one every package counts
 * as direct.
 */
export function readNpmDependencies(text: string, tree: Record<string, unknown>, manifest: PackageManifest | undefined): Dependency[] {
  const lines = treeKeyLines(text);
  const occurrences: Occurrence[] = [];
  const walk = (level: Record<string, unknown>, keys: TreeKey | undefined, topLevel: boolean): void => {
    // Object.keys, and no object spread below: both cost more than the rest of the walk on large trees.
    for (const key of Object.keys(level)) {
      const entry = asObject(level[key]);
      if (!entry) continue;
      const found = keys?.children?.get(key);
      const occurrence: Occurrence = Object.assign(identify(key, typeof entry.version === "string" ? entry.version : ""), {
        ecosystem: "npm" as const,
        direct: manifest === undefined || (topLevel && (manifest.prod.has(key) || manifest.dev.has(key))),
        dev: entry.dev === true,
        line: found?.line ?? 1,
      });
      occurrences.push(occurrence);
      const nested = asObject(entry.dependencies);
      if (nested) walk(nested, found, false);
    }
  };
  walk(tree, lines, true);
  return mergeOccurrences(occurrences);
}

/**
 * The keys of the tree (`["", "dependencies", "a", "dependencies"]` + `b` is `a` → `b`) with the line of
 * their first occurrence. Keys come in text order, so lines are counted forward as they come; nested maps
 * rather than `node_modules/a/node_modules/b` strings, which cost more to build and hash than the rest.
 */
function treeKeyLines(text: string): TreeKey {
  const root: TreeKey = { line: 1 };
  let line = 1;
  let newline = text.indexOf("\n");
  scanJsonKeys(text, (parents, key, offset) => {
    if (parents.length % 2 !== 0 || parents.length < 2) return;
    let node: TreeKey | undefined = root;
    for (let i = 1; i < parents.length && node !== undefined; i += 2) {
      if (parents[i] !== "dependencies") return;
      if (i + 1 < parents.length) node = node.children?.get(parents[i + 1]!);
    }
    if (node === undefined || node.children?.has(key)) return;
    while (newline !== -1 && newline < offset) {
      line++;
      newline = text.indexOf("\n", newline + 1);
    }
    (node.children ??= new Map()).set(key, { line });
  });
  return root;
}

/** Name, version and source of a v1 entry, whose `version` may hold an alias, a git URL or a path. */
function identify(key: string, version: string): Pick<Occurrence, "name" | "version" | "source" | "commit"> {
  if (version.startsWith("npm:")) {
    const spec = version.slice("npm:".length);
    const at = spec.lastIndexOf("@");
    if (at > 0) return { name: spec.slice(0, at), version: spec.slice(at + 1) };
  }
  if (/^[0-9]/.test(version) || version === "") return { name: key, version };
  const { source, commit } = sourceOfResolved(version);
  // A location is not a version: git code is pinned by its commit; a folder or tarball URL by nothing.
  return { name: key, version: commit ?? "", ...(source ? { source } : {}), ...(commit ? { commit } : {}) };
}
