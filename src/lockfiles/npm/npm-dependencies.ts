import { scanTreeKeyLines, treeKeyLocator } from "./npm-package-lines.js";
import { locateByPlace } from "../common/locate-by-place.js";
import { addOccurrence, mergedDependencies, occurrenceMerger, type Occurrence } from "../common/merge-occurrences.js";
import type { PackageManifest } from "./package-manifest.js";
import { sourceOfResolved } from "./resolved-source.js";
import type { DependenciesRead } from "./npm-packages.js";
import { ANY_MAP, findMisshape, type Shape } from "../common/shape.js";
import { unparsable } from "../common/unparsable.js";

/**
 * lockfileVersion 1: a nested `dependencies` tree mirroring node_modules. It records `dev` but not which
 * packages the project lists itself; that comes from package.json, and without one every package counts
 * as direct. The tree is walked with a stack of its own: how deep it nests is up to the text.
 */
export function readNpmDependencies(text: string, lock: Record<string, unknown>, tree: Record<string, unknown>, manifest: PackageManifest | undefined): DependenciesRead {
  const merger = occurrenceMerger();
  // Each entry's place in the walk (its key, and the place of the entry that holds it): lines are found
  // from them when asked for, and until then a package's `line` is the place of its first entry.
  const keys: string[] = [];
  const parents: number[] = [];
  // Object.keys, and no object spread below: both cost more than the rest of the walk on large trees.
  const stack: Frame[] = [{ level: tree, names: Object.keys(tree), next: 0, parent: -1, holder: undefined }];
  const fields: EntryFields = { version: "", dev: false, dependencies: undefined };
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.names.length) {
      stack.pop();
      continue;
    }
    const key = frame.names[frame.next++]!;
    const place = keys.length;
    keys.push(key);
    parents.push(frame.parent);
    const value = frame.level[key];
    // The path to a misshapen entry is built only for its message, and its line found by the full tokenizer.
    if (!readEntry(value, fields)) {
      const path = frame.holder === undefined ? ["dependencies", key] : [frame.holder, "dependencies", key];
      return unparsable(findMisshape(value, ENTRY, path)!.message, scanTreeKeyLines(text, keys, parents)[place]!);
    }
    const direct = manifest === undefined || (frame.parent === -1 && (manifest.prod.has(key) || manifest.dev.has(key)));
    const { version } = fields;
    // Nearly every version is a plain one, of the package named by the key.
    if (isDigit(version.charCodeAt(0))) addOccurrence(merger, "npm", key, version, direct, fields.dev, place, undefined, undefined, undefined);
    else {
      const { name, version: pinned, source, commit } = identify(key, version);
      addOccurrence(merger, "npm", name, pinned, direct, fields.dev, place, undefined, source, commit);
    }
    const nested = fields.dependencies;
    if (nested) stack.push({ level: nested, names: Object.keys(nested), next: 0, parent: place, holder: key });
  }
  const dependencies = mergedDependencies(merger);
  return { ok: true, dependencies, locate: locateByPlace(dependencies, treeKeyLocator(text, lock, keys, parents)) };
}

/**
 * The fields of a v1 entry, every one npm 5 and 6 write: the format is frozen, and a field it does not
 * have is a damaged key — a damaged `dependencies` would hide every package below it. `dependencies`
 * holds entries of this same shape, each checked as the walk reaches it (a shape that named itself would
 * make the check as deep as the tree). npm 6 writes `"resolved": false` for some packages it took from
 * another package's tarball (fsevents' bundled dependencies): npm reads that as no location, and so does
 * soup-gate, which takes a v1 entry's source from its `version` anyway.
 */
export const ENTRY: Shape = {
  only: true,
  fields: {
    version: "string",
    resolved: { either: ["string", "boolean"] },
    integrity: "string",
    from: "string",
    dev: "boolean",
    optional: "boolean",
    devOptional: "boolean",
    peer: "boolean",
    bundled: "boolean",
    requires: { map: "string" },
    dependencies: ANY_MAP,
  },
};

/** One `dependencies` map being walked: its entries, the next one to read, and the place of the entry that holds it. */
interface Frame {
  level: Record<string, unknown>;
  names: string[];
  next: number;
  parent: number;
  /** The key of the package that holds the map, for messages; undefined for the top level. */
  holder: string | undefined;
}

/** What the walk reads of an entry. */
export interface EntryFields {
  version: string;
  dev: boolean;
  dependencies: Record<string, unknown> | undefined;
}

/**
 * Whether `value` has ENTRY's shape (as `conforms` says) and, if so, its fields into `fields`. One pass over
 * the entry's keys with nothing called: it runs for every entry of the tree, on objects of layouts new to
 * the process, where a checker per field and a read per name cost more than the rest of the walk.
 * Exported for its tests, which hold it to `conforms`.
 */
export function readEntry(value: unknown, fields: EntryFields): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const entry = value as Record<string, unknown>;
  fields.version = "";
  fields.dev = false;
  fields.dependencies = undefined;
  for (const key in entry) {
    const field = entry[key];
    switch (key) {
      case "version":
        if (typeof field !== "string") return false;
        fields.version = field;
        break;
      case "resolved":
        if (typeof field !== "string" && typeof field !== "boolean") return false;
        break;
      case "integrity":
      case "from":
        if (typeof field !== "string") return false;
        break;
      case "dev":
        if (typeof field !== "boolean") return false;
        fields.dev = field;
        break;
      case "optional":
      case "devOptional":
      case "peer":
      case "bundled":
        if (typeof field !== "boolean") return false;
        break;
      case "requires":
        if (typeof field !== "object" || field === null || Array.isArray(field)) return false;
        for (const name in field) if (typeof (field as Record<string, unknown>)[name] !== "string") return false;
        break;
      case "dependencies":
        if (typeof field !== "object" || field === null || Array.isArray(field)) return false;
        fields.dependencies = field as Record<string, unknown>;
        break;
      default:
        // Only own keys count, as in `conforms`.
        if (Object.hasOwn(entry, key)) return false;
    }
  }
  return true;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
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
