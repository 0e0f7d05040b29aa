import { asObject } from "../common/parse-json.js";
import { keyOfReference, withoutPeers, type PnpmMajor } from "./pnpm-key.js";
import { classifyReachable } from "./reachability.js";

const PROD_FIELDS = ["dependencies", "optionalDependencies"] as const;

export interface PnpmClasses {
  /** Direct and dev of one `packages` key. */
  classify(key: string): { direct: boolean; dev: boolean };
  /**
   * A package a project lists when `packages` holds none. pnpm writes every package it installs, so
   * the file was damaged: a lost or renamed `packages:` line would otherwise read as no packages at all.
   */
  missing?: { importer: string; key: string };
}

/**
 * Direct vs transitive and dev vs runtime per `packages` key. pnpm records both: importers list each
 * project's direct dependencies split by kind, v5/v6 flag dev-only packages `dev: true` (absent means
 * "both", so runtime), and v9 drops the flag, so we walk `snapshots` from the importers (prod wins).
 */
export function classifyPnpm(lock: Record<string, unknown>, major: PnpmMajor, packages: ReadonlyMap<string, Record<string, unknown>>): PnpmClasses {
  // Single-project v5/v6 lockfiles keep the importer's lists at the top level.
  const listed = asObject(lock.importers);
  const importers: Array<[string, unknown]> = listed ? Object.keys(listed).map((folder) => [folder, listed[folder]]) : [[".", lock]];
  const direct = new Set<string>();
  const prodRoots: string[] = [];
  const devRoots: string[] = [];
  let missing: PnpmClasses["missing"];
  for (const [folder, importer] of importers) {
    for (const field of [...PROD_FIELDS, "devDependencies"] as const) {
      for (const key of references(asObject(importer)?.[field], major, [])) {
        // In v9 the importer points at a snapshot (peers included); the package is the key without peers.
        const packageKey = major === 9 ? withoutPeers(key) : key;
        if (packages.has(packageKey)) direct.add(packageKey);
        else if (packages.size === 0) missing ??= { importer: folder, key: packageKey };
        (field === "devDependencies" ? devRoots : prodRoots).push(key);
      }
    }
  }

  if (major !== 9) {
    return { classify: (key) => ({ direct: direct.has(key), dev: packages.get(key)?.dev === "true" }), ...(missing ? { missing } : {}) };
  }
  const snapshots = asObject(lock.snapshots) ?? {};
  const reached = classifyReachable(prodRoots, devRoots, (key) => {
    const body = Object.hasOwn(snapshots, key) ? asObject(snapshots[key]) : undefined;
    const targets: string[] = [];
    for (const field of PROD_FIELDS) references(body?.[field], major, targets);
    return targets;
  });
  const prod = new Set<string>();
  const dev = new Set<string>();
  for (const [key, kind] of reached) (kind === "prod" ? prod : dev).add(withoutPeers(key));
  return { classify: (key) => ({ direct: direct.has(key), dev: dev.has(key) && !prod.has(key) }), ...(missing ? { missing } : {}) };
}

/** `{ name: reference }` or v6/v9 `{ name: { specifier, version } }` → the keys pointed at, added to `keys`; `link:` dropped. */
function references(list: unknown, major: PnpmMajor, keys: string[]): string[] {
  const object = asObject(list);
  if (!object) return keys;
  // Object.keys, not Object.entries: js-yaml's large maps are dictionaries, where entries costs far more.
  for (const name of Object.keys(object)) {
    const value = object[name];
    const reference = typeof value === "string" ? value : asObject(value)?.version;
    if (typeof reference !== "string") continue;
    const key = keyOfReference(name, reference, major);
    if (key !== undefined) keys.push(key);
  }
  return keys;
}
