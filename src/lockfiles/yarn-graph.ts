import type { PackageManifest } from "./package-manifest.js";
import { stringEntries } from "./parse-json.js";
import { classifyReachable } from "./reachability.js";
import { descriptorKey, patchedDescriptor, splitDescriptor, type BlockIdentity } from "./yarn-locator.js";
import type { YarnBlock } from "./yarn.js";

type Classify = (identity: BlockIdentity) => { direct: boolean; dev: boolean };

/**
 * Direct vs transitive and dev vs runtime for yarn, which records neither per package.
 * - berry: the workspace blocks list the project's direct dependencies (dev and prod merged); the root
 *   manifest splits the root's list into dev and prod, and the graph walk carries that down (prod wins).
 * - v1 (and a berry file without workspace blocks): only the manifest says what is direct; the same walk
 *   classifies the rest. A package the walk does not reach (say, a workspace member's dependency, whose
 *   manifest we do not have) counts as direct.
 * Without a manifest nothing is dev, and where the lockfile names no workspace everything is direct:
 * uncertainty means more checking, never less.
 */
export function classifyYarnBlocks(blocks: readonly YarnBlock[], manifest: PackageManifest | undefined): Classify {
  const workspaces = blocks.filter((block) => block.identity.kind === "workspace");
  if (workspaces.length === 0 && !manifest) return () => ({ direct: true, dev: false });

  // Nodes are packages, not blocks: a `patch:` block and the block it patches are one package.
  const byDescriptor = new Map<string, string>();
  for (const block of blocks) {
    const node = nodeOf(block.identity);
    for (const descriptor of block.descriptors) {
      const { name, range } = splitDescriptor(descriptor);
      byDescriptor.set(descriptorKey(name, range), node);
    }
  }
  for (const block of blocks) {
    for (const descriptor of block.descriptors) {
      // `fsevents@patch:fsevents@~2.1.2#...` also answers for `fsevents@~2.1.2`, which dependents ask for.
      const patched = patchedDescriptor(splitDescriptor(descriptor).range);
      if (patched === undefined) continue;
      const inner = splitDescriptor(patched);
      const key = descriptorKey(inner.name, inner.range);
      if (!byDescriptor.has(key)) byDescriptor.set(key, nodeOf(block.identity));
    }
  }
  const lookup = (name: string, range: string): string | undefined => byDescriptor.get(descriptorKey(name, range));

  const edges = new Map<string, Set<string>>();
  for (const block of blocks) {
    const node = nodeOf(block.identity);
    const targets = edges.get(node) ?? new Set<string>();
    edges.set(node, targets);
    for (const [name, range] of [...stringEntries(block.fields.dependencies), ...stringEntries(block.fields.optionalDependencies)]) {
      const target = lookup(name, range);
      if (target !== undefined) targets.add(target);
    }
  }

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
  return (identity) => {
    const node = nodeOf(identity);
    const kind = reached.get(node);
    return { direct: direct.has(node) || (workspaces.length === 0 && kind === undefined), dev: kind === "dev" };
  };
}

function nodeOf(identity: BlockIdentity): string {
  return identity.kind === "workspace" ? `workspace:${identity.path}` : `${identity.name}@${identity.version}#${identity.commit ?? ""}`;
}
