import { createRequire } from "node:module";
import type picomatchModule from "picomatch";
import type { Dependency, LocateLines } from "../../types.js";
import { addOccurrence, mergedDependencies, occurrenceMerger, type OccurrenceMerger } from "../common/merge-occurrences.js";
import { locateByPlace } from "../common/locate-by-place.js";
import { packageKeyLocator, type PackageKeyLines } from "./npm-package-lines.js";
import { asObject } from "../common/parse-json.js";
import { sourceOfResolved, type ResolvedSource } from "./resolved-source.js";
import { baseName, joinPath, normalizePath } from "../../paths.js";
import { findMisshape, type Shape } from "../common/shape.js";
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
  // Object.keys once, then index loops: on a map of thousands of keys, Object.entries or a copy into a
  // Map costs more than the rest of the reading.
  const paths = Object.keys(packagesValue);
  const count = paths.length;
  // Lines are found when asked for (a check asks for those of the packages that changed): until then each
  // package's `line` is the place of its first install path in `paths`.
  const keyLines = packageKeyLocator(text, lock, paths);
  const packages: Packages = {
    get: (path) => (Object.hasOwn(packagesValue, path) ? asObject(packagesValue[path]) : undefined),
    has: (path) => Object.hasOwn(packagesValue, path),
  };
  // Where each install path's package name starts, as `nameFromPath` finds it; -1 for a folder.
  const nameStarts = new Int32Array(count);
  // The root and its workspace folders are the project itself, not SOUP; what they list is direct. Both
  // are known from the paths alone, before any entry is read.
  const projects = new Set([""]);
  const projectPlaces: number[] = [];
  const isWorkspace = workspaceMatcher(packages.get("")?.workspaces);
  // Folders of the repository with a node_modules of their own (the root aside): where else a project's
  // dependency could be installed.
  const installFolders = new Set<string>();
  for (let index = 0; index < count; index++) {
    const path = paths[index]!;
    const last = path.lastIndexOf(NODE_MODULES);
    // Nearly every path: `node_modules/…` or `…/node_modules/…` by its last such folder, told without a call.
    if (last === 0 || (last !== -1 && (path.charCodeAt(last - 1) === 0x2f /* / */ || isInstallPath(path)))) {
      nameStarts[index] = last + NODE_MODULES.length;
      // Nearly every path is `node_modules/<name>`, with the last such folder first.
      if (last !== 0 && !path.startsWith(NODE_MODULES)) installFolders.add(path.slice(0, path.indexOf(NESTED_MODULES)));
      continue;
    }
    nameStarts[index] = -1;
    if (path === "" || isWorkspace(path)) {
      projects.add(path);
      projectPlaces.push(index);
    }
  }
  const direct = directPaths(packages, projects, installFolders);

  const pass: EntryPass = { packagesValue, paths, nameStarts, projects, direct, merger: occurrenceMerger(), linkNames: new Map(), unnamedFolders: [] };
  const wrong = readEntries(pass);
  if (wrong !== -1) return misshapen(packagesValue[paths[wrong]!], paths[wrong]!, keyLines, wrong);
  const { merger, linkNames, unnamedFolders } = pass;
  for (const index of unnamedFolders) {
    const path = paths[index]!;
    const { version, dev, license } = packagesValue[path] as Record<string, unknown>;
    addOccurrence(merger, "npm", linkNames.get(path) ?? baseName(path), (version as string | undefined) ?? "", direct.has(path), dev === true, index, typeof license === "string" ? license : undefined, LOCAL.source, undefined);
  }
  for (const index of projectPlaces) {
    const misshape = findMisshape(packagesValue[paths[index]!], PROJECT, ["packages", paths[index]!]);
    if (misshape) return unparsable(misshape.message, keyLines([index])[0]!);
  }
  const dependencies = mergedDependencies(merger);
  return { ok: true, dependencies, locate: locateByPlace(dependencies, keyLines) };
}

/** What the pass over the entries reads, and what it makes: one per parse. */
interface EntryPass {
  readonly packagesValue: Record<string, unknown>;
  readonly paths: readonly string[];
  readonly nameStarts: Int32Array;
  readonly projects: ReadonlySet<string>;
  readonly direct: ReadonlySet<string>;
  readonly merger: OccurrenceMerger;
  /** Link target → the name the link is installed under. */
  readonly linkNames: Map<string, string>;
  /** Folders without a `name`, named after the link that points to them, which may come later in the map. */
  readonly unnamedFolders: number[];
}

/**
 * Reads every entry into the pass, checking the kinds of the fields soup-gate reads as ENTRY says; the
 * index of the first that does not have that shape, or -1. A function of its own because of what it sees:
 * entries (objects of hundreds of layouts, each field read once), strings and the pass. V8 optimizes it
 * within the first parses of a process, the App's, and keeps it so. The same loop inside
 * `readNpmPackages` never was: that function also reads the root entry, whose layout is new at every
 * parse, and V8 waits for a function's reads to settle before it optimizes it.
 */
function readEntries(pass: EntryPass): number {
  const { packagesValue, paths, nameStarts, projects, direct, merger, linkNames, unnamedFolders } = pass;
  for (let index = 0; index < paths.length; index++) {
    const path = paths[index]!;
    const entry = packagesValue[path];
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return index;
    const { name, version, resolved, link, dev, license } = entry as Record<string, unknown>;
    if (
      (name !== undefined && typeof name !== "string") ||
      (version !== undefined && typeof version !== "string") ||
      (resolved !== undefined && typeof resolved !== "string") ||
      (link !== undefined && typeof link !== "boolean") ||
      (dev !== undefined && typeof dev !== "boolean")
    ) {
      return index;
    }
    if (link === true && resolved !== undefined) linkNames.set(resolved, nameFromPath(path));
    const start = nameStarts[index]!;
    const folder = start === -1;
    if (folder && projects.has(path)) continue;
    // A link is only a pointer: its target entry is the package (or the project's own workspace).
    if (link === true && resolved !== undefined && Object.hasOwn(packagesValue, resolved)) continue;
    if (folder && name === undefined) {
      unnamedFolders.push(index);
      continue;
    }
    const { source, commit } = folder || link === true ? LOCAL : isRegistryTarball(resolved) ? REGISTRY : sourceOfResolved(resolved);
    // `devOptional` is a dev dependency that is also an optional dependency of a runtime package: it
    // ships whenever that optional install succeeds, so it counts as runtime.
    addOccurrence(merger, "npm", name ?? path.slice(start), version ?? commit ?? "", direct.has(path), dev === true, index, typeof license === "string" ? license : undefined, source, commit);
  }
  return -1;
}

/** The entry at `index` does not have the ENTRY shape: what is wrong with it, at its line. */
function misshapen(entry: unknown, path: string, keyLines: PackageKeyLines, index: number): Unparsable {
  return unparsable(findMisshape(entry, ENTRY, ["packages", path])!.message, keyLines([index])[0]!);
}

export type DependenciesRead = { ok: true; dependencies: Dependency[]; locate?: LocateLines } | Unparsable;

/** The entries of `packages` that are objects, by install path. */
interface Packages {
  get(path: string): Record<string, unknown> | undefined;
  has(path: string): boolean;
}

const LOCAL: ResolvedSource = { source: "file" };
const REGISTRY: ResolvedSource = {};

/**
 * Nearly every entry's `resolved`: `https://registry.npmjs.org/<name>/-/<file>.tgz`. `sourceOfResolved`
 * answers "registry" for it too, after a chain of patterns that costs more than the rest of the entry.
 * Without a `#` or a `?`, no fragment or query can make it a git location, and `/-/` makes it a registry
 * tarball. Exported for its tests, which hold it to `sourceOfResolved`.
 */
const REGISTRY_TARBALL = /^https:\/\/registry\.npmjs\.org\/[^#?]*\/-\/[^#?]*$/;

export function isRegistryTarball(resolved: string | undefined): boolean {
  return resolved !== undefined && REGISTRY_TARBALL.test(resolved);
}

/**
 * Install paths the project folders' own dependency lists resolve to, following Node's lookup upwards:
 * `installFolders` are the folders besides the root that have a node_modules, the only ones worth a look.
 */
function directPaths(packages: Packages, projects: Set<string>, installFolders: Set<string>): Set<string> {
  const direct = new Set<string>();
  for (const project of projects) {
    const entry = packages.get(project);
    if (!entry) continue;
    for (const field of DEPENDENCY_FIELDS) {
      const list = asObject(entry[field]);
      if (list === undefined) continue;
      for (const name of Object.keys(list)) {
        const spec = list[name];
        if (typeof spec !== "string") continue;
        let path = resolveInstall(packages, installFolders, project, name);
        if (path === undefined && spec.startsWith("file:")) path = normalizePath(joinPath(project, spec.slice("file:".length)));
        const target = path === undefined ? undefined : packages.get(path);
        if (target?.link === true && typeof target.resolved === "string") path = target.resolved;
        if (path !== undefined) direct.add(path);
      }
    }
  }
  return direct;
}

function resolveInstall(packages: Packages, installFolders: Set<string>, from: string, name: string): string | undefined {
  // Nearly every lockfile has one node_modules, at the root: no folder to walk up through then.
  if (installFolders.size !== 0) {
    for (let folder = from; folder !== ""; folder = folder.includes("/") ? folder.slice(0, folder.lastIndexOf("/")) : "") {
      if (!installFolders.has(folder)) continue;
      const candidate = `${folder}/node_modules/${name}`;
      if (packages.has(candidate)) return candidate;
    }
  }
  const candidate = `node_modules/${name}`;
  return packages.has(candidate) ? candidate : undefined;
}

function workspaceMatcher(workspaces: unknown): (path: string) => boolean {
  // npm takes an array of globs; the object form `{ packages: [...] }` comes from yarn and is accepted too.
  const list = Array.isArray(workspaces) ? workspaces : asObject(workspaces)?.packages;
  const patterns = (Array.isArray(list) ? list : []).filter((p): p is string => typeof p === "string");
  if (patterns.length === 0) return () => false;
  // A process reads the same project's lockfile again and again (both sides of every pull request): a
  // workspace list is compiled once.
  const key = patterns.join("\0");
  let matcher = workspaceMatchers.get(key);
  if (matcher === undefined) {
    matcher = picomatch()(patterns.map(normalizePath));
    if (workspaceMatchers.size >= 64) workspaceMatchers.delete(workspaceMatchers.keys().next().value!);
    workspaceMatchers.set(key, matcher);
  }
  return matcher;
}

/** Compiled workspace lists, by their globs; the oldest is dropped past 64. */
const workspaceMatchers = new Map<string, (path: string) => boolean>();

const NODE_MODULES = "node_modules/";
const NESTED_MODULES = "/node_modules/";

/**
 * Inside some node_modules folder (an installed package), as opposed to a folder of the repository, for a
 * path whose last `node_modules/` neither starts it nor follows a `/`.
 */
function isInstallPath(path: string): boolean {
  return path.startsWith(NODE_MODULES) || path.includes(NESTED_MODULES);
}

/** `node_modules/a/node_modules/@s/b` → `@s/b`. */
function nameFromPath(path: string): string {
  const index = path.lastIndexOf(NODE_MODULES);
  return index === -1 ? baseName(path) : path.slice(index + NODE_MODULES.length);
}
