/**
 * Splits a dependency graph into what ships and what only serves development: every node reachable from
 * a prod root is prod, the rest reachable from a dev root is dev ("prod wins"). Nodes reached from
 * neither are absent from the result; the caller decides what unknown means.
 */
export function classifyReachable<Node>(
  prodRoots: Iterable<Node>,
  devRoots: Iterable<Node>,
  edges: (node: Node) => Iterable<Node>,
): Map<Node, "prod" | "dev"> {
  const result = new Map<Node, "prod" | "dev">();
  const walk = (roots: Iterable<Node>, kind: "prod" | "dev"): void => {
    const stack = [...roots].filter((node) => !result.has(node));
    for (const node of stack) result.set(node, kind);
    while (stack.length > 0) {
      for (const next of edges(stack.pop()!)) {
        if (result.has(next)) continue;
        result.set(next, kind);
        stack.push(next);
      }
    }
  };
  walk(prodRoots, "prod");
  walk(devRoots, "dev");
  return result;
}
