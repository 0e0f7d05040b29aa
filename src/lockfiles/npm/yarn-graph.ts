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

  // Nodes are packages, not blocks: a `patch:` block and the block it patches are one package. Each is
  // numbered, and what a descriptor resolves to is found by its name, then its range: no string is built
  // per dependency edge (thousands in a large lockfile).
  const numbers = new Map<string, number>();
  const nodes = new Int32Array(blocks.length);
  const isWorkspace: boolean[] = [];
  for (let index = 0; index < blocks.length; index++) {
    const identity = blocks[index]!.identity;
    const key = nodeOf(identity);
    let node = numbers.get(key);
    if (node === undefined) {
      numbers.set(key, (node = numbers.size));
      isWorkspace.push(identity.kind === "workspace");
    }
    nodes[index] = node;
  }
  const byName = new Map<string, Map<string, number>>();
  const bind = (descriptor: string, node: number, keepFirst: boolean): void => {
    const { name, range } = splitDescriptor(descriptor);
    let ranges = byName.get(name);
    if (!ranges) byName.set(name, (ranges = new Map()));
    const key = rangeKey(range);
    if (!keepFirst || !ranges.has(key)) ranges.set(key, node);
  };
  blocks.forEach((block, index) => {
    for (const descriptor of block.descriptors) bind(descriptor, nodes[index]!, false);
  });
  blocks.forEach((block, index) => {
    for (const descriptor of block.descriptors) {
      // `fsevents@patch:fsevents@~2.1.2#...` also answers for `fsevents@~2.1.2`, which dependents ask for.
      if (!descriptor.includes("@patch:")) continue;
      const patched = patchedDescriptor(splitDescriptor(descriptor).range);
      if (patched !== undefined) bind(patched, nodes[index]!, true);
    }
  });
  const lookup = (name: string, range: string): number | undefined => byName.get(name)?.get(rangeKey(range));

  const edges: number[][] = Array.from({ length: numbers.size }, () => []);
  blocks.forEach((block, index) => {
    const targets = edges[nodes[index]!]!;
    for (const list of [block.fields.dependencies, block.fields.optionalDependencies]) {
      forEachString(list, (name, range) => {
        const target = lookup(name, range);
        if (target !== undefined) targets.push(target);
      });
    }
  });

  const direct = new Set<number>();
  const prodRoots: number[] = [];
  const devRoots: number[] = [];
  if (workspaces.length > 0) {
    for (const block of workspaces) {
      const isRoot = block.identity.kind === "workspace" && block.identity.path === ".";
      for (const [name, range] of stringEntries(block.fields.dependencies)) {
        const target = lookup(name, range);
        if (target === undefined || isWorkspace[target]) continue;
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
  const reached = classifyReachable(prodRoots, devRoots, (node) => edges[node]!);
  return Array.from(nodes, (node) => {
    const kind = reached.get(node);
    return { direct: direct.has(node) || (workspaces.length === 0 && kind === undefined), dev: kind === "dev" };
  });
}

/** The range part of `descriptorKey`: nearly every range is its own key, so this rarely allocates. */
function rangeKey(range: string): string {
  if (!range.startsWith("npm:") && range.indexOf("::") === -1) return range;
  return descriptorKey("", range).slice(1);
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
