import type { DependencySource } from "../../types.js";
import { sourceOfResolved } from "./resolved-source.js";

/** `name@range`: a descriptor in a block header or a dependency list (`@scope/x@npm:^1` → `@scope/x`, `npm:^1`). */
export function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf("@", 1);
  return at === -1 ? { name: descriptor, range: "" } : { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

/**
 * The key under which a descriptor is looked up. Berry writes `npm:` in headers but not always in
 * dependency lists, and binds local paths to their workspace (`::locator=...`); both sides drop these.
 */
export function descriptorKey(name: string, range: string): string {
  const bare = range.startsWith("npm:") ? range.slice("npm:".length) : range;
  const binding = bare.indexOf("::");
  return `${name}@${binding === -1 ? bare : bare.slice(0, binding)}`;
}

/** What a lockfile block is: a package (with where it comes from) or a workspace of the project itself. */
export type BlockIdentity =
  | { kind: "workspace"; path: string }
  | { kind: "package"; name: string; version: string; source?: Exclude<DependencySource, "registry">; commit?: string };

const MAX_PATCH_DEPTH = 8;

/**
 * Identity of a berry block from its `resolution` locator (`name@protocol:selector`). `patch:` locators
 * wrap the locator of the package they patch (URL-encoded): a patched package is still that package, so
 * it takes the inner identity and merges with it rather than counting twice.
 */
export function identifyBerry(resolution: string, version: string): BlockIdentity {
  let { name, range } = splitDescriptor(resolution);
  // A patch of a patched package is as deep as yarn goes; the bound keeps hostile nesting linear.
  for (let depth = 0, patched = patchedDescriptor(range); patched !== undefined && depth < MAX_PATCH_DEPTH; depth++, patched = patchedDescriptor(range)) {
    ({ name, range } = splitDescriptor(patched));
  }
  const protocol = /^([a-z][a-z0-9+.-]*:)/.exec(range)?.[1] ?? "";
  if (protocol === "workspace:") return { kind: "workspace", path: range.slice(protocol.length) };
  // An npm locator is `name@npm:1.2.3`; an alias's locator already names the real package.
  if (protocol === "npm:") return { kind: "package", name, version };
  if (["file:", "link:", "portal:", "exec:"].includes(protocol)) return { kind: "package", name, version, source: "file" };
  const { source, commit } = sourceOfResolved(range);
  return { kind: "package", name, version: version || (commit ?? ""), source: source ?? "url", ...(commit ? { commit } : {}) };
}

/**
 * Identity of a yarn v1 block, which has no name field: the name comes from its first descriptor (the
 * real name behind an `npm:` alias), the origin from `resolved`, or from `file:`/`link:` descriptors when
 * a local package has no `resolved` at all.
 */
export function identifyClassic(descriptors: readonly string[], version: string, resolved: string | undefined): BlockIdentity {
  const first = splitDescriptor(descriptors[0] ?? "");
  const name = first.range.startsWith("npm:") ? splitDescriptor(first.range.slice("npm:".length)).name : first.name;
  if (resolved === undefined) {
    const local = descriptors.some((descriptor) => /^(file|link):/.test(splitDescriptor(descriptor).range));
    return local ? { kind: "package", name, version, source: "file" } : { kind: "package", name, version };
  }
  const { source, commit } = sourceOfResolved(resolved);
  return { kind: "package", name, version: version || (commit ?? ""), ...(source ? { source } : {}), ...(commit ? { commit } : {}) };
}

/** The descriptor or locator a `patch:` range wraps (`patch:fsevents@npm%3A2.1.3#...` → `fsevents@npm:2.1.3`). */
export function patchedDescriptor(range: string): string | undefined {
  if (!range.startsWith("patch:")) return undefined;
  const hash = range.indexOf("#");
  return decode(range.slice("patch:".length, hash === -1 ? undefined : hash));
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
