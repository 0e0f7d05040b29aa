import { asObject } from "./parse-json.js";
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
      for (const [, key] of references(importer?.[field], major)) {
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
  const snapshots = new Map(Object.entries(asObject(lock.snapshots) ?? {}).map(([key, body]) => [key, asObject(body)]));
  const reached = classifyReachable(prodRoots, devRoots, (key) => {
    const body = snapshots.get(key);
    return PROD_FIELDS.flatMap((field) => references(body?.[field], major).map(([, target]) => target));
  });
  const prod = new Set<string>();
  const dev = new Set<string>();
  for (const [key, kind] of reached) (kind === "prod" ? prod : dev).add(withoutPeers(key));
  return (key) => ({ direct: direct.has(key), dev: dev.has(key) && !prod.has(key) });
}

/** `{ name: reference }` or v6/v9 `{ name: { specifier, version } }` → [name, key] pairs; `link:` dropped. */
function references(list: unknown, major: PnpmMajor): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(asObject(list) ?? {})) {
    const reference = typeof value === "string" ? value : asObject(value)?.version;
    if (typeof reference !== "string") continue;
    const key = keyOfReference(name, reference, major);
    if (key !== undefined) pairs.push([name, key]);
  }
  return pairs;
}
