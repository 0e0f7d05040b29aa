import { createRequire } from "node:module";
import type picomatchModule from "picomatch";
import type { Dependency, LocateLines } from "../../types.js";
import { OccurrenceMerger } from "../common/merge-occurrences.js";
import { locateByPlace } from "../common/locate-by-place.js";
import { packageKeyLocator, type PackageKeyLines } from "./npm-package-lines.js";
import { asObject, stringEntries } from "../common/parse-json.js";
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
  // Object.keys once, then plain arrays and index loops: on a map of thousands of keys, Object.entries,
  // a copy into a Map or an object per entry costs more than the rest of the reading.
  const paths = Object.keys(packagesValue);
  const count = paths.length;
  const values: unknown[] = new Array(count);
  for (let index = 0; index < count; index++) values[index] = packagesValue[paths[index]!];
  // Lines are found when asked for (a check asks for those of the packages that changed): until then each
  // package's `line` is the place of its first install path in `paths`.
  const keyLines = packageKeyLocator(text, lock, paths);
  // One pass reads each entry's fields once, checking their kinds as ENTRY says, into arrays of their own:
  // the entries are objects of hundreds of different layouts, and every read of a field costs the same
  // slow lookup, so each is read once and the passes below read the arrays.
  const names: Array<string | undefined> = new Array(count);
  const versions: Array<string | undefined> = new Array(count);
  const resolveds: Array<string | undefined> = new Array(count);
  const licenses: Array<string | undefined> = new Array(count);
  const flags = new Uint8Array(count);
  for (let index = 0; index < count; index++) {
    const entry = values[index];
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return misshapen(values, paths, keyLines, index);
    const { name, version, resolved, link, dev, license } = entry as Record<string, unknown>;
    if ((name !== undefined && typeof name !== "string") || (version !== undefined && typeof version !== "string") || (resolved !== undefined && typeof resolved !== "string")) {
      return misshapen(values, paths, keyLines, index);
    }
    if ((link !== undefined && typeof link !== "boolean") || (dev !== undefined && typeof dev !== "boolean")) return misshapen(values, paths, keyLines, index);
    names[index] = name;
    versions[index] = version;
    resolveds[index] = resolved;
    if (typeof license === "string") licenses[index] = license;
    flags[index] = (link === true ? LINK : 0) | (dev === true ? DEV : 0) | (isInstallPath(paths[index]!) ? 0 : FOLDER);
  }
  const packages: Packages = {
    get: (path) => (Object.hasOwn(packagesValue, path) ? asObject(packagesValue[path]) : undefined),
    has: (path) => Object.hasOwn(packagesValue, path),
  };
  // The root and its workspace folders are the project itself, not SOUP; what they list is direct.
  // One pass finds them and the links' names.
  const projects = new Set([""]);
  const isWorkspace = workspaceMatcher(packages.get("")?.workspaces);
  const linkNames = new Map<string, string>();
  for (let index = 0; index < count; index++) {
    const path = paths[index]!;
    if ((flags[index]! & FOLDER) !== 0 && path !== "" && isWorkspace(path)) projects.add(path);
    const resolved = resolveds[index];
    if ((flags[index]! & LINK) !== 0 && resolved !== undefined) linkNames.set(resolved, nameFromPath(path));
  }
  for (let index = 0; index < count; index++) {
    if ((flags[index]! & FOLDER) === 0 || !projects.has(paths[index]!)) continue;
    const misshape = findMisshape(values[index], PROJECT, ["packages", paths[index]!]);
    if (misshape) return unparsable(misshape.message, keyLines([index])[0]!);
  }
  const direct = directPaths(packages, projects);

  const merger = new OccurrenceMerger();
  for (let index = 0; index < count; index++) {
    const path = paths[index]!;
    const folder = (flags[index]! & FOLDER) !== 0;
    if (folder && projects.has(path)) continue;
    const link = (flags[index]! & LINK) !== 0;
    const resolved = resolveds[index];
    // A link is only a pointer: its target entry is the package (or the project's own workspace).
    if (link && resolved !== undefined && packages.has(resolved)) continue;
    const name = names[index] ?? (folder ? (linkNames.get(path) ?? baseName(path)) : nameFromPath(path));
    const { source, commit } = folder || link ? LOCAL : isRegistryTarball(resolved) ? REGISTRY : sourceOfResolved(resolved);
    const version = versions[index] ?? commit ?? "";
    // `devOptional` is a dev dependency that is also an optional dependency of a runtime package: it
    // ships whenever that optional install succeeds, so it counts as runtime.
    merger.add("npm", name, version, direct.has(path), (flags[index]! & DEV) !== 0, index, licenses[index], source, commit);
  }
  const dependencies = merger.dependencies();
  return { ok: true, dependencies, locate: locateByPlace(dependencies, keyLines) };
}

const LINK = 1;
const DEV = 2;
/** A folder of the repository (the root, a workspace, a linked folder), not inside any node_modules. */
const FOLDER = 4;

/** The entry at `index` does not have the ENTRY shape: what is wrong with it, at its line. */
function misshapen(values: readonly unknown[], paths: readonly string[], keyLines: PackageKeyLines, index: number): Unparsable {
  return unparsable(findMisshape(values[index], ENTRY, ["packages", paths[index]!])!.message, keyLines([index])[0]!);
}

export type DependenciesRead = { ok: true; dependencies: Dependency[]; locate?: LocateLines } | Unparsable;

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
