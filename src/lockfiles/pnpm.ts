import { FAILSAFE_SCHEMA, loadAll } from "js-yaml";
import { PNPM_LOCK } from "./claims.js";
import type { ParseOutcome } from "../types.js";
import { type LockfileFormat } from "./format.js";
import { mergeOccurrences, type Occurrence } from "./common/merge-occurrences.js";
import { asObject } from "./common/parse-json.js";
import { classifyPnpm } from "./npm/pnpm-graph.js";
import { parseRegistryKey, type PnpmMajor } from "./npm/pnpm-key.js";
import { findPnpmPackageLines, findTopLevelLine } from "./npm/pnpm-lines.js";
import { ANY_MAP, findMisshape, type Shape } from "./common/shape.js";
import { clip } from "../text/clip.js";
import { quoted } from "./common/quoted.js";
import { sourceOfResolved, type ResolvedSource } from "./npm/resolved-source.js";
import { describeYamlError } from "../text/yaml-error.js";
import { unparsable } from "./common/unparsable.js";

/** `pnpm-lock.yaml`, lockfile versions 5.x, 6.x and 9.x. */
export const pnpmLock: LockfileFormat = {
  ...PNPM_LOCK,
  parse: parsePnpmLock,
};

function parsePnpmLock(text: string): ParseOutcome {
  // YAML accepts JSON, so a package-lock.json saved under this name would otherwise be read as YAML.
  if (/^\s*[[{]/.test(text)) return unparsable("pnpm-lock.yaml holds JSON, not a pnpm lockfile; regenerate it with `pnpm install`", 1);
  let documents: unknown[];
  try {
    // The failsafe schema keeps every scalar a string: `version: 1.10` stays "1.10", not the number 1.1.
    documents = loadAll(text, undefined, { schema: FAILSAFE_SCHEMA });
  } catch (error) {
    const { reason, line } = describeYamlError(error);
    return unparsable(`pnpm-lock.yaml is not valid YAML: ${reason}`, line ?? 1);
  }
  // pnpm 11 writes its own environment lockfile as a first document; the project is the last one.
  const lock = asObject(documents.filter((document) => document !== null && document !== undefined).at(-1));
  if (!lock || typeof lock.lockfileVersion !== "string") {
    return unparsable("pnpm-lock.yaml has no lockfileVersion; is it a pnpm lockfile?", findTopLevelLine(text, "lockfileVersion"));
  }
  const major = Number.parseInt(lock.lockfileVersion, 10);
  if (major !== 5 && major !== 6 && major !== 9) {
    return unparsable(`pnpm-lock.yaml has lockfileVersion ${lock.lockfileVersion}; soup-gate reads versions 5.x, 6.x and 9.x`, findTopLevelLine(text, "lockfileVersion"));
  }
  const packagesValue = asObject(lock.packages) ?? {};
  // Object.keys, not Object.entries: js-yaml's large maps are dictionaries, where entries costs far more.
  const keys = Object.keys(packagesValue);
  const packageLine = findPnpmPackageLines(text, documents.length === 1, keys.length);
  const misshape = findMisshape(lock, LOCK);
  if (misshape) {
    const [top] = misshape.path;
    const unknown = misshape.path.length === 1 && !Object.hasOwn((LOCK as { fields: object }).fields, top!);
    const hint = unknown ? ": if a pnpm newer than soup-gate wrote it, soup-gate needs updating; else regenerate the lockfile with `pnpm install`" : "";
    return unparsable(`pnpm-lock.yaml: ${misshape.message}${hint}`, top === undefined ? 1 : findTopLevelLine(text, top));
  }
  const packages = new Map<string, Record<string, unknown>>();
  for (const key of keys) {
    // Each entry checked here, in the one pass over `packages`, rather than by a second walk in LOCK.
    const entry = findMisshape(packagesValue[key], PACKAGE, ["packages", key]);
    if (entry) return unparsable(`pnpm-lock.yaml: ${entry.message}`, packageLine(key));
    packages.set(key, asObject(packagesValue[key]) ?? {});
  }

  const projects = importerFolders(lock);
  const classes = classifyPnpm(lock, major, packages);
  if (classes.missing) {
    const { importer, key } = classes.missing;
    const where = findTopLevelLine(text, Object.hasOwn(lock, "importers") ? "importers" : "dependencies");
    return unparsable(`pnpm-lock.yaml: the project ${quoted(importer)} lists ${quoted(key)}, but \`packages\` holds no package; regenerate it with \`pnpm install\``, where);
  }
  const occurrences: Occurrence[] = [];
  for (const [key, body] of packages) {
    // An injected workspace member (`file:packages/lib`, dependenciesMeta.injected) is the project's own code.
    if (projects.has(folderOf(asObject(body.resolution)?.directory))) continue;
    const identity = identify(key, body, major);
    if (!identity) {
      // pnpm itself cannot say which package such an entry is (its dependency-path parser rejects the key).
      return unparsable(`pnpm-lock.yaml entry "${clip(key, 80)}" names no package (no name and version in the key or the entry)`, packageLine(key));
    }
    const { direct, dev } = classes.classify(key);
    occurrences.push({ ecosystem: "npm", ...identity, direct, dev, line: packageLine(key) });
  }
  return { ok: true, dependencies: mergeOccurrences(occurrences) };
}

/** A dependency list: `name: reference` (v5), or `name: { specifier, version }` (v6, v9 importers). */
const REFERENCES: Shape = { either: ["null", { map: { either: ["string", { fields: { specifier: "string", version: "string" } }] } }] };
const PROJECT = { dependencies: REFERENCES, devDependencies: REFERENCES, optionalDependencies: REFERENCES };
/** A `packages` entry (empty in hand-written files). */
const PACKAGE: Shape = {
  either: [
    "null",
    {
      fields: {
        name: "string",
        version: "string",
        dev: "string",
        resolution: { fields: { tarball: "string", directory: "string", commit: "string", type: "string" } },
        dependencies: REFERENCES,
        optionalDependencies: REFERENCES,
      },
    },
  ],
};

/**
 * A pnpm lockfile as pnpm writes it (the failsafe schema makes every scalar a string; an entry may be
 * empty). Single-project v5/v6 files keep the importer's lists at the top. Only the top-level keys pnpm
 * writes in lockfile versions 5 to 9 may be there: a damaged line can turn the last package into a key
 * of its own at the top (`J  /xmlbuilder/9.0.7:`), or rename `packages:`, and that package must not vanish.
 */
const LOCK: Shape = {
  only: true,
  fields: {
    lockfileVersion: "string",
    settings: "any",
    specifiers: "any",
    dependenciesMeta: "any",
    overrides: "any",
    packageExtensionsChecksum: "any",
    patchedDependencies: "any",
    pnpmfileChecksum: "any",
    neverBuiltDependencies: "any",
    onlyBuiltDependencies: "any",
    ignoredOptionalDependencies: "any",
    catalogs: "any",
    time: "any",
    ...PROJECT,
    importers: { either: ["null", { map: { either: ["null", { fields: PROJECT }] } }] },
    // Each entry is checked with PACKAGE as the packages are read.
    packages: { either: ["null", ANY_MAP] },
    snapshots: { either: ["null", { map: { either: ["null", { fields: { dependencies: REFERENCES, optionalDependencies: REFERENCES } }] } }] },
  },
};

type PackageIdentity = Pick<Occurrence, "name" | "version" | "source" | "commit">;

function identify(key: string, body: Record<string, unknown>, major: PnpmMajor): PackageIdentity | undefined {
  const fromKey = parseRegistryKey(key, major);
  const name = stringField(body.name) ?? fromKey?.name ?? v9Name(key, major);
  if (!name) return undefined;
  const { source, commit } = fromKey ? sourceOfRegistryEntry(body) : sourceOfEntry(key, body, major);
  const identity: PackageIdentity = { name, version: stringField(body.version) ?? fromKey?.version ?? commit ?? "" };
  if (source) identity.source = source;
  if (commit) identity.commit = commit;
  return identity;
}

/** v9 keys always start with the name, even for git and file packages (`name@https://…`, `name@file:…`). */
function v9Name(key: string, major: PnpmMajor): string | undefined {
  const at = key.indexOf("@", 1);
  return major === 9 && at !== -1 ? key.slice(0, at) : undefined;
}

const REGISTRY: ResolvedSource = {};

/** A registry-shaped key can still hold a tarball installed from a URL (`resolution.tarball`). */
function sourceOfRegistryEntry(body: Record<string, unknown>): ResolvedSource {
  const tarball = stringField(asObject(body.resolution)?.tarball);
  return tarball ? sourceOfResolved(tarball) : REGISTRY;
}

function sourceOfEntry(key: string, body: Record<string, unknown>, major: PnpmMajor): ResolvedSource {
  const resolution = asObject(body.resolution) ?? {};
  const commit = stringField(resolution.commit);
  if (commit || resolution.type === "git") return commit ? { source: "git", commit } : { source: "git" };
  if (resolution.type === "directory" || stringField(resolution.directory)) return { source: "file" };
  const reference = major === 9 ? key.slice(key.indexOf("@", 1) + 1) : key;
  if (reference.startsWith("file:")) return { source: "file" };
  const tarball = stringField(resolution.tarball);
  if (tarball) {
    const found = sourceOfResolved(tarball);
    return found.source ? found : { source: "url" };
  }
  // Keys like `github.com/o/r/<sha>` without a resolution: a git host path ending in a commit.
  const commitInKey = /^\/[0-9a-f]{40}$/.test(reference.slice(-41)) ? reference.slice(-40) : undefined;
  return commitInKey ? { source: "git", commit: commitInKey } : { source: "url" };
}

/** The project's own folders: every importer (a single-project v5/v6 lockfile has only "."). */
function importerFolders(lock: Record<string, unknown>): Set<string | undefined> {
  const importers = asObject(lock.importers);
  return new Set(importers ? Object.keys(importers).map(folderOf) : ["."]);
}

/** `./packages/lib/` → `packages/lib`, `./` → `.`: importer keys and `resolution.directory` compared alike. */
function folderOf(path: unknown): string | undefined {
  if (typeof path !== "string") return undefined;
  let start = 0;
  while (path.startsWith("./", start)) start += 2;
  let end = path.length;
  // A loop, not `/\/+$/`: that pattern retries at every slash of a long run of slashes.
  while (end > start && path.charCodeAt(end - 1) === 0x2f) end--;
  return end === start ? "." : path.slice(start, end);
}

function stringField(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
