import type { PackageManifest } from "./package-manifest.js";
import { stringEntries } from "../common/parse-json.js";
import { classifyReachable } from "./reachability.js";
import { descriptorKey, patchedDescriptor, splitDescriptor, type BlockIdentity } from "./yarn-locator.js";
import type { YarnBlock } from "../yarn.js";

export interface Classification {
  direct: boolean;
  dev: boolean;
}

/**
 * Direct vs transitive and dev vs runtime for yarn, which records neither per package.
 * - berry: the workspace blocks list the project's direct dependencies (dev and prod merged); the root
 *   manifest splits the root's list into dev and prod, and the graph walk carries that down (prod wins).
 * - v1 (and a berry file without workspace blocks): only the manifest says what is direct; the same walk
 *   classifies the rest. A package the walk does not reach (say, a workspace member's dependency, whose
 *   manifest we do not have) counts as direct.
 * Without a manifest nothing is dev, and where the lockfile names no workspace everything is direct:
 * uncertainty means more checking, never less. The result is parallel to `blocks`.
 */
export function classifyYarnBlocks(blocks: readonly YarnBlock[], manifest: PackageManifest | undefined): Classification[] {
  const workspaces = blocks.filter((block) => block.identity.kind === "workspace");
  if (workspaces.length === 0 && !manifest) return blocks.map(() => ({ direct: true, dev: false }));

  // Nodes are packages, not blocks: a `patch:` block and the block it patches are one package.
  const nodes = blocks.map((block) => nodeOf(block.identity));
  const byDescriptor = new Map<string, string>();
  blocks.forEach((block, index) => {
    for (const descriptor of block.descriptors) byDescriptor.set(keyOfDescriptor(descriptor), nodes[index]!);
  });
  blocks.forEach((block, index) => {
    for (const descriptor of block.descriptors) {
      // `fsevents@patch:fsevents@~2.1.2#...` also answers for `fsevents@~2.1.2`, which dependents ask for.
      if (!descriptor.includes("@patch:")) continue;
      const patched = patchedDescriptor(splitDescriptor(descriptor).range);
      if (patched === undefined) continue;
      const key = keyOfDescriptor(patched);
      if (!byDescriptor.has(key)) byDescriptor.set(key, nodes[index]!);
    }
  });
  const lookup = (name: string, range: string): string | undefined => byDescriptor.get(descriptorKey(name, range));

  const edges = new Map<string, Set<string>>();
  blocks.forEach((block, index) => {
    const node = nodes[index]!;
    let targets = edges.get(node);
    if (!targets) edges.set(node, (targets = new Set<string>()));
    for (const list of [block.fields.dependencies, block.fields.optionalDependencies]) {
      forEachString(list, (name, range) => {
        const target = lookup(name, range);
        if (target !== undefined) targets.add(target);
      });
    }
  });

  const direct = new Set<string>();
  const prodRoots: string[] = [];
  const devRoots: string[] = [];
  if (workspaces.length > 0) {
    for (const block of workspaces) {
      const isRoot = block.identity.kind === "workspace" && block.identity.path === ".";
      for (const [name, range] of stringEntries(block.fields.dependencies)) {
        const target = lookup(name, range);
        if (target === undefined || target.startsWith("workspace:")) continue;
        direct.add(target);
        // Only the root's manifest is at hand: other workspaces' dependencies count as runtime.
        (isRoot && manifest?.dev.has(name) ? devRoots : prodRoots).push(target);
      }
    }
  } else if (manifest) {
    for (const [roots, list] of [[prodRoots, manifest.prod], [devRoots, manifest.dev]] as const) {
      for (const [name, range] of list) {
        const target = lookup(name, range);
        if (target === undefined) continue;
        direct.add(target);
        roots.push(target);
      }
    }
  }
  const reached = classifyReachable(prodRoots, devRoots, (node) => edges.get(node) ?? []);
  return nodes.map((node) => {
    const kind = reached.get(node);
    return { direct: direct.has(node) || (workspaces.length === 0 && kind === undefined), dev: kind === "dev" };
  });
}

/** `descriptorKey` of a whole descriptor; most descriptors are their own key, so this rarely allocates. */
function keyOfDescriptor(descriptor: string): string {
  const at = descriptor.indexOf("@", 1);
  if (at !== -1 && !descriptor.startsWith("npm:", at + 1) && descriptor.indexOf("::", at + 1) === -1) return descriptor;
  const { name, range } = splitDescriptor(descriptor);
  return descriptorKey(name, range);
}

/** Each string-valued entry of a `{ name: range }` map, without building the list of entries. */
function forEachString(list: unknown, visit: (name: string, range: string) => void): void {
  if (typeof list !== "object" || list === null || Array.isArray(list)) return;
  const map = list as Record<string, unknown>;
  for (const name of Object.keys(map)) {
    const range = map[name];
    if (typeof range === "string") visit(name, range);
  }
}

function nodeOf(identity: BlockIdentity): string {
  return identity.kind === "workspace" ? `workspace:${identity.path}` : `${identity.name}@${identity.version}#${identity.commit ?? ""}`;
}
