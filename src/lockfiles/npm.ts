import type { Dependency, ParseOutcome } from "../types.js";
import { baseName, type LockfileFormat, type ParseContext } from "./format.js";
import { scanJsonKeys } from "./json-key-offsets.js";
import { createLineIndex } from "./line-index.js";
import { mergeOccurrences, type Occurrence } from "./merge-occurrences.js";
import { readNpmPackages } from "./npm-packages.js";
import { readPackageManifest, type PackageManifest } from "./package-manifest.js";
import { asObject, parseJson } from "./parse-json.js";
import { sourceOfResolved } from "./resolved-source.js";

/** `package-lock.json` / `npm-shrinkwrap.json`, lockfileVersion 1, 2 and 3. */
export const npmLock: LockfileFormat = {
  id: "package-lock",
  ecosystem: "npm",
  manifest: "package.json",
  matches: (path) => ["package-lock.json", "npm-shrinkwrap.json"].includes(baseName(path)),
  parse: parseNpmLock,
};

function parseNpmLock(text: string, context: ParseContext): ParseOutcome {
  const file = baseName(context.path) || "package-lock.json";
  const parsed = parseJson(text, file);
  if (!parsed.ok) return parsed;
  const lock = asObject(parsed.value);
  if (!lock) return { ok: false, error: { message: `${file} does not hold a JSON object`, line: 1 } };
  const version = lock.lockfileVersion;
  const packages = asObject(lock.packages);
  const dependencies = asObject(lock.dependencies);
  // Version 2 carries both maps; `packages` is the complete one. Version 1 has only `dependencies`.
  if ((version === 2 || version === 3) && packages) return { ok: true, dependencies: readNpmPackages(text, packages) };
  if ((version === 1 || version === 2) && dependencies) {
    return { ok: true, dependencies: readNpmDependencies(text, dependencies, readPackageManifest(context.manifest)) };
  }
  const line = lineOfKey(text, "lockfileVersion");
  if (version !== 1 && version !== 2 && version !== 3) {
    const found = version === undefined ? "no lockfileVersion" : `lockfileVersion ${JSON.stringify(version)}`;
    return { ok: false, error: { message: `${file} has ${found}; soup-gate reads lockfileVersion 1, 2 and 3`, line } };
  }
  const missing = version === 1 ? "`dependencies`" : "`packages`";
  return { ok: false, error: { message: `${file} (lockfileVersion ${version}) has no ${missing} map; regenerate it with npm install`, line } };
}

/**
 * lockfileVersion 1: a nested `dependencies` tree mirroring node_modules. It records `dev` but not which
 * packages the project lists itself; that comes from package.json, and without one every package counts
 * as direct.
 */
function readNpmDependencies(text: string, tree: Record<string, unknown>, manifest: PackageManifest | undefined): Dependency[] {
  const offsets = new Map<string, number>();
  scanJsonKeys(text, (parents, key, offset) => {
    const path = treePath(parents, key);
    if (path !== undefined && !offsets.has(path)) offsets.set(path, offset);
  });
  const lineAt = createLineIndex(text);
  const occurrences: Occurrence[] = [];
  const walk = (level: Record<string, unknown>, prefix: string): void => {
    for (const [key, value] of Object.entries(level)) {
      const entry = asObject(value);
      if (!entry) continue;
      const path = `${prefix}node_modules/${key}`;
      const topLevel = prefix === "";
      occurrences.push({
        ...identify(key, typeof entry.version === "string" ? entry.version : ""),
        ecosystem: "npm",
        direct: manifest === undefined || (topLevel && (manifest.prod.has(key) || manifest.dev.has(key))),
        dev: entry.dev === true,
        line: lineAt(offsets.get(path) ?? 0),
      });
      const nested = asObject(entry.dependencies);
      if (nested) walk(nested, `${path}/`);
    }
  };
  walk(tree, "");
  return mergeOccurrences(occurrences);
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

/** `["", "dependencies", "a", "dependencies"]` + `b` → `node_modules/a/node_modules/b`; other keys → undefined. */
function treePath(parents: readonly string[], key: string): string | undefined {
  if (parents.length % 2 !== 0 || parents.length < 2) return undefined;
  let path = "";
  for (let i = 1; i < parents.length; i += 2) {
    if (parents[i] !== "dependencies") return undefined;
    if (i + 1 < parents.length) path += `node_modules/${parents[i + 1]}/`;
  }
  return `${path}node_modules/${key}`;
}

function lineOfKey(text: string, key: string): number {
  const offset = text.indexOf(`"${key}"`);
  return offset === -1 ? 1 : createLineIndex(text)(offset);
}
