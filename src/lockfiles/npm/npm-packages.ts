import { createRequire } from "node:module";
import type picomatchModule from "picomatch";
import type { Dependency } from "../../types.js";
import { OccurrenceMerger } from "../common/merge-occurrences.js";
import { findPackageKeyLines } from "./npm-package-lines.js";
import { asObject, stringEntries } from "../common/parse-json.js";
import { sourceOfResolved, type ResolvedSource } from "./resolved-source.js";
import { baseName, joinPath, normalizePath } from "../../paths.js";
import { conforms, findMisshape, type Shape } from "../common/shape.js";
import { unparsable, type Unparsable } from "../common/unparsable.js";

// Workspace globs are rare in lockfiles: the glob library is loaded the first time a lockfile has them.
const require = createRequire(import.meta.url);
let picomatchLoaded: typeof picomatchModule | undefined;
const picomatch = (): typeof picomatchModule => (picomatchLoaded ??= require("picomatch") as typeof picomatchModule);

const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const;

const RANGES: Shape = { map: "string" };
/** The fields of a `packages` entry that soup-gate reads, as npm writes them. */
const ENTRY: Shape = { fields: { name: "string", version: "string", resolved: "string", link: "boolean", dev: "boolean" } };
/** What soup-gate reads of the root and workspace entries besides: the lists of what they depend on. */
const PROJECT: Shape = {
  fields: {
    dependencies: RANGES,
    devDependencies: RANGES,
    optionalDependencies: RANGES,
    peerDependencies: RANGES,
    workspaces: { either: [{ list: "string" }, { fields: { packages: { list: "string" } } }] },
  },
};


/**
 * Reads the `packages` map of lockfileVersion 2 and 3: install path → entry. npm has already computed
 * direct/dev for us: direct = what the root and each workspace folder list, dev = the `dev` flag.
 */
export function readNpmPackages(text: string, lock: Record<string, unknown>, packagesValue: Record<string, unknown>): DependenciesRead {
  // Object.keys once, then plain arrays and index loops: on a map of thousands of keys, Object.entries,
  // a copy into a Map or an object per entry costs more than the rest of the reading.
  const paths = Object.keys(packagesValue);
  const count = paths.length;
  const values: unknown[] = new Array(count);
  for (let index = 0; index < count; index++) values[index] = packagesValue[paths[index]!];
  const lines = findPackageKeyLines(text, lock, paths, values);
  for (let index = 0; index < count; index++) {
    if (conforms(values[index], ENTRY)) continue;
    return unparsable(findMisshape(values[index], ENTRY, ["packages", paths[index]!])!.message, lines[index]!);
  }
  // Every entry is a map now.
  const entries = values as Array<Record<string, unknown>>;
  const packages: Packages = {
    get: (path) => (Object.hasOwn(packagesValue, path) ? asObject(packagesValue[path]) : undefined),
    has: (path) => Object.hasOwn(packagesValue, path),
  };
  // The root and its workspace folders are the project itself, not SOUP; what they list is direct.
  // One pass finds them, the links' names, and which paths are folders of the repository.
  const projects = new Set([""]);
  const isWorkspace = workspaceMatcher(packages.get("")?.workspaces);
  const linkNames = new Map<string, string>();
  const folders = new Uint8Array(count);
  for (let index = 0; index < count; index++) {
    const path = paths[index]!;
    const entry = entries[index]!;
    if (!isInstallPath(path)) {
      folders[index] = 1;
      if (path !== "" && isWorkspace(path)) projects.add(path);
    }
    if (entry.link === true && typeof entry.resolved === "string") linkNames.set(entry.resolved, nameFromPath(path));
  }
  for (let index = 0; index < count; index++) {
    if (folders[index] === 0 || !projects.has(paths[index]!)) continue;
    const misshape = findMisshape(values[index], PROJECT, ["packages", paths[index]!]);
    if (misshape) return unparsable(misshape.message, lines[index]!);
  }
  const direct = directPaths(packages, projects);

  const merger = new OccurrenceMerger();
  for (let index = 0; index < count; index++) {
    const path = paths[index]!;
    const entry = entries[index]!;
    const folder = folders[index] === 1;
    if (folder && projects.has(path)) continue;
    const link = entry.link === true;
    const resolved = typeof entry.resolved === "string" ? entry.resolved : undefined;
    // A link is only a pointer: its target entry is the package (or the project's own workspace).
    if (link && resolved !== undefined && packages.has(resolved)) continue;
    const name = typeof entry.name === "string" ? entry.name : folder ? (linkNames.get(path) ?? baseName(path)) : nameFromPath(path);
    const { source, commit } = folder || link ? LOCAL : isRegistryTarball(resolved) ? REGISTRY : sourceOfResolved(resolved);
    const version = typeof entry.version === "string" ? entry.version : (commit ?? "");
    const license = typeof entry.license === "string" ? entry.license : undefined;
    // `devOptional` is a dev dependency that is also an optional dependency of a runtime package: it
    // ships whenever that optional install succeeds, so it counts as runtime.
    merger.add("npm", name, version, direct.has(path), entry.dev === true, lines[index]!, license, source, commit);
  }
  return { ok: true, dependencies: merger.dependencies() };
}

export type DependenciesRead = { ok: true; dependencies: Dependency[] } | Unparsable;

/** The entries of `packages` that are objects, by install path. */
interface Packages {
  get(path: string): Record<string, unknown> | undefined;
  has(path: string): boolean;
}

const LOCAL: ResolvedSource = { source: "file" };
const REGISTRY: ResolvedSource = {};
const NPM_REGISTRY = "https://registry.npmjs.org/";

/**
 * `https://registry.npmjs.org/<name>/-/<file>.tgz`, nearly every entry of a lockfile: `sourceOfResolved`
 * answers "registry" for it too, after a chain of patterns that would cost more than the rest of the entry.
 */
function isRegistryTarball(resolved: string | undefined): boolean {
  return (
    resolved !== undefined &&
    resolved.startsWith(NPM_REGISTRY) &&
    resolved.endsWith(".tgz") &&
    resolved.includes("/-/", NPM_REGISTRY.length) &&
    !resolved.includes("#") &&
    !resolved.includes("?")
  );
}

/** Install paths the project folders' own dependency lists resolve to, following Node's lookup upwards. */
function directPaths(packages: Packages, projects: Set<string>): Set<string> {
  const direct = new Set<string>();
  for (const project of projects) {
    const entry = packages.get(project);
    if (!entry) continue;
    for (const field of DEPENDENCY_FIELDS) {
      for (const [name, spec] of stringEntries(entry[field])) {
        let path = resolveInstall(packages, project, name);
        if (path === undefined && spec.startsWith("file:")) path = normalizePath(joinPath(project, spec.slice("file:".length)));
        const target = path === undefined ? undefined : packages.get(path);
        if (target?.link === true && typeof target.resolved === "string") path = target.resolved;
        if (path !== undefined) direct.add(path);
      }
    }
  }
  return direct;
}

function resolveInstall(packages: Packages, from: string, name: string): string | undefined {
  let folder = from;
  for (;;) {
    const candidate = folder === "" ? `node_modules/${name}` : `${folder}/node_modules/${name}`;
    if (packages.has(candidate)) return candidate;
    if (folder === "") return undefined;
    folder = folder.includes("/") ? folder.slice(0, folder.lastIndexOf("/")) : "";
  }
}

function workspaceMatcher(workspaces: unknown): (path: string) => boolean {
  // npm takes an array of globs; the object form `{ packages: [...] }` comes from yarn and is accepted too.
  const list = Array.isArray(workspaces) ? workspaces : asObject(workspaces)?.packages;
  const patterns = (Array.isArray(list) ? list : []).filter((p): p is string => typeof p === "string");
  if (patterns.length === 0) return () => false;
  return picomatch()(patterns.map(normalizePath));
}

/** Inside some node_modules folder (an installed package), as opposed to a folder of the repository. */
function isInstallPath(path: string): boolean {
  // Nearly every path: `node_modules/…` or `…/node_modules/…` by its last such folder, found by one search.
  const last = path.lastIndexOf("node_modules/");
  if (last === -1) return false;
  if (last === 0 || path.charCodeAt(last - 1) === 0x2f /* / */) return true;
  return path.startsWith("node_modules/") || path.includes("/node_modules/");
}

/** `node_modules/a/node_modules/@s/b` → `@s/b`. */
function nameFromPath(path: string): string {
  const index = path.lastIndexOf("node_modules/");
  return index === -1 ? baseName(path) : path.slice(index + "node_modules/".length);
}
