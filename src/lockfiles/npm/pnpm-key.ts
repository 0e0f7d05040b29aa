/**
 * The three grammars of pnpm `packages` keys (FORMATS.md §4):
 * - v5: `/name/1.2.3_peer@2+other@3`, `/@scope/name/1.2.3`, `registry.host/name/1.2.3`
 * - v6: `/name@1.2.3(peer@2)(other@3)`, `/@scope/name@1.2.3`
 * - v9: `name@1.2.3` (`packages`) and `name@1.2.3(peer@2)` (`snapshots`)
 * Non-registry keys (`file:…`, `github.com/o/r/<sha>`, `name@https://…`) carry `name`/`version` fields.
 */
export type PnpmMajor = 5 | 6 | 9;

const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Name and version a registry key names, or undefined when the key is not `name` + version. */
export function parseRegistryKey(key: string, major: PnpmMajor): { name: string; version: string } | undefined {
  if (major === 9) {
    const { name, ref } = splitNameRef(withoutPeers(key));
    return ref !== undefined && VERSION.test(ref) ? { name, version: ref } : undefined;
  }
  let path: string;
  if (key.startsWith("/")) path = key.slice(1);
  else if (/^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(key)) path = key.slice(key.indexOf("/") + 1); // registry host prefix
  else return undefined;
  let name: string;
  let version: string;
  if (major === 6) {
    const split = splitNameRef(withoutPeers(path));
    if (split.ref === undefined) return undefined;
    ({ name, ref: version } = split as { name: string; ref: string });
  } else {
    const parts = path.split("/");
    const scoped = parts[0]!.startsWith("@");
    name = scoped ? `${parts[0]}/${parts[1] ?? ""}` : parts[0]!;
    const rest = parts.slice(scoped ? 2 : 1).join("/");
    // v5 peers follow the first `_` (semver versions never contain one); long suffixes become a hash.
    const underscore = rest.indexOf("_");
    version = withoutPeers(underscore === -1 ? rest : rest.slice(0, underscore));
  }
  return VERSION.test(version) ? { name, version } : undefined;
}

/**
 * The `packages`/`snapshots` key an importer or package dependency points at, as pnpm's `refToRelative`
 * builds it; undefined for `link:` (a workspace member: the project's own code).
 */
export function keyOfReference(name: string, reference: string, major: PnpmMajor): string | undefined {
  if (reference.startsWith("link:")) return undefined;
  if (major === 9) {
    if (reference.startsWith("@")) return reference;
    const at = reference.indexOf("@");
    const colon = reference.indexOf(":");
    const bracket = reference.indexOf("(");
    // `string-width@4.2.3` (an alias) is already a key; `4.2.3` and `https://…` are not.
    const isKey = at !== -1 && (colon === -1 || at < colon) && (bracket === -1 || at < bracket);
    return isKey ? reference : `${name}@${reference}`;
  }
  if (reference.startsWith("/") || reference.startsWith("file:") || reference.startsWith("@")) return reference;
  if (major === 6) return /^\d/.test(reference) ? `/${name}@${reference}` : reference.includes("@") ? `/${reference}` : reference;
  // v5: `1.2.3_peer` is a version of `name`; `github.com/o/r/<sha>` and `registry.host/x/1.0.0` are keys.
  return /^\d/.test(reference) ? `/${name}/${reference}` : reference;
}

/** `name@1.2.3(peer@2)(other@3)` → `name@1.2.3`: peers change the install, not the package. */
export function withoutPeers(key: string): string {
  const start = key.indexOf("(", key.indexOf("@", 1) + 1);
  return start === -1 ? key : key.slice(0, start);
}

function splitNameRef(text: string): { name: string; ref: string | undefined } {
  const at = text.indexOf("@", 1);
  return at === -1 ? { name: text, ref: undefined } : { name: text.slice(0, at), ref: text.slice(at + 1) };
}
