import { asObject } from "../shared/parse-json.js";
import { keyOfReference, withoutPeers, type PnpmMajor } from "./pnpm-key.js";
import { classifyReachable } from "./reachability.js";

const PROD_FIELDS = ["dependencies", "optionalDependencies"] as const;

/**
 * Direct vs transitive and dev vs runtime per `packages` key. pnpm records both: importers list each
 * project's direct dependencies split by kind, v5/v6 flag dev-only packages `dev: true` (absent means
 * "both", so runtime), and v9 drops the flag, so we walk `snapshots` from the importers (prod wins).
 */
export function classifyPnpm(
  lock: Record<string, unknown>,
  major: PnpmMajor,
  packages: ReadonlyMap<string, Record<string, unknown>>,
): (key: string) => { direct: boolean; dev: boolean } {
  // Single-project v5/v6 lockfiles keep the importer's lists at the top level.
  const importers = asObject(lock.importers) ? Object.values(asObject(lock.importers)!) : [lock];
  const direct = new Set<string>();
  const prodRoots: string[] = [];
  const devRoots: string[] = [];
  for (const importer of importers.map(asObject)) {
    for (const field of [...PROD_FIELDS, "devDependencies"] as const) {
      for (const key of references(importer?.[field], major, [])) {
        // In v9 the importer points at a snapshot (peers included); the package is the key without peers.
        const packageKey = major === 9 ? withoutPeers(key) : key;
        if (packages.has(packageKey)) direct.add(packageKey);
        (field === "devDependencies" ? devRoots : prodRoots).push(key);
      }
    }
  }

  if (major !== 9) {
    return (key) => ({ direct: direct.has(key), dev: packages.get(key)?.dev === "true" });
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
  return (key) => ({ direct: direct.has(key), dev: dev.has(key) && !prod.has(key) });
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
